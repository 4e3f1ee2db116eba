import { ContentEvent } from '../content.ts';
import type { Seat } from '../ids.ts';
import { PADDING_BLOCK_BYTES } from '../limits.ts';
import { fromBase64url, randomBase64url, toBase64url } from './base64url.ts';

/**
 * End-to-end encryption of content events. The room secret (32 random bytes) never leaves the
 * two browsers; from it HKDF derives the public room id and the AES-GCM content key. Each sealed
 * event is bound (as additional authenticated data) to its room, event id and sender seat, so the
 * server cannot move a ciphertext to another room, replay it under another id, or re-attribute it
 * to the other partner without the open failing.
 */

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const HKDF_SALT = new TextEncoder().encode('tandem/v1');
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export interface RoomKeys {
  readonly roomId: string;
  readonly contentKey: CryptoKey;
}

export interface SealContext {
  readonly roomId: string;
  readonly eventId: string;
  readonly seat: Seat;
}

export type OpenResult =
  | { readonly ok: true; readonly event: ContentEvent }
  | { readonly ok: false; readonly reason: 'malformed' | 'unsupported' | 'tampered' | 'invalid' };

export const newRoomSecret = (): string => randomBase64url(32);

export async function deriveRoomKeys(roomSecret: string): Promise<RoomKeys> {
  const secretBytes = fromBase64url(roomSecret);
  if (secretBytes.length !== 32) throw new TypeError('a room secret is 32 bytes');
  const material = await crypto.subtle.importKey('raw', secretBytes, 'HKDF', false, [
    'deriveBits',
    'deriveKey',
  ]);
  const hkdf = (purpose: string): HkdfParams => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: HKDF_SALT,
    info: encoder.encode(purpose),
  });
  const roomIdBits = await crypto.subtle.deriveBits(hkdf('room-id'), material, 128);
  const contentKey = await crypto.subtle.deriveKey(
    hkdf('content-key'),
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { roomId: toBase64url(new Uint8Array(roomIdBits)), contentKey };
}

const additionalData = ({ roomId, eventId, seat }: SealContext) =>
  encoder.encode(`tandem/v1|${roomId}|${eventId}|${String(seat)}`);

/** Pads with trailing spaces (valid JSON whitespace) to a whole number of blocks. */
function padded(json: string): Uint8Array<ArrayBuffer> {
  const raw = encoder.encode(json);
  const size = Math.ceil((raw.length + 1) / PADDING_BLOCK_BYTES) * PADDING_BLOCK_BYTES;
  const out = new Uint8Array(size).fill(0x20);
  out.set(raw);
  return out;
}

export async function sealEvent(
  keys: RoomKeys,
  context: SealContext,
  event: ContentEvent,
): Promise<string> {
  const valid = ContentEvent.parse(event);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(context) },
    keys.contentKey,
    padded(JSON.stringify(valid)),
  );
  const out = new Uint8Array(1 + IV_BYTES + sealed.byteLength);
  out[0] = FORMAT_VERSION;
  out.set(iv, 1);
  out.set(new Uint8Array(sealed), 1 + IV_BYTES);
  return toBase64url(out);
}

export async function openEvent(
  keys: RoomKeys,
  context: SealContext,
  ciphertext: string,
): Promise<OpenResult> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64url(ciphertext);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // Version byte, IV and the 16-byte GCM tag at the least.
  if (bytes.length < 1 + IV_BYTES + 16) return { ok: false, reason: 'malformed' };
  if (bytes[0] !== FORMAT_VERSION) return { ok: false, reason: 'unsupported' };
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: bytes.subarray(1, 1 + IV_BYTES),
        additionalData: additionalData(context),
      },
      keys.contentKey,
      bytes.subarray(1 + IV_BYTES),
    );
  } catch {
    return { ok: false, reason: 'tampered' };
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(plain));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = ContentEvent.safeParse(json);
  return parsed.success ? { ok: true, event: parsed.data } : { ok: false, reason: 'invalid' };
}
