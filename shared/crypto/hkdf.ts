import { fromBase64url } from './base64url.ts';

/**
 * Every key of a room comes from its secret (32 random bytes) through HKDF-SHA-256, one `info`
 * label per purpose, so each derived value tells nothing about the secret or about the others:
 * the public room id ('room-id'), the content key ('content-key', codec.ts) and the join key
 * ('join-key', join-proof.ts). A label is never reused for another purpose.
 */

const HKDF_SALT = new TextEncoder().encode('tandem/v1');
const encoder = new TextEncoder();

export type HkdfPurpose = 'room-id' | 'content-key' | 'join-key';

/** The room secret as HKDF key material; throws a TypeError for anything but 32 bytes. */
export async function roomSecretMaterial(roomSecret: string): Promise<CryptoKey> {
  const secretBytes = fromBase64url(roomSecret);
  if (secretBytes.length !== 32) throw new TypeError('a room secret is 32 bytes');
  return crypto.subtle.importKey('raw', secretBytes, 'HKDF', false, ['deriveBits', 'deriveKey']);
}

export const hkdfFor = (purpose: HkdfPurpose): HkdfParams => ({
  name: 'HKDF',
  hash: 'SHA-256',
  salt: HKDF_SALT,
  info: encoder.encode(purpose),
});
