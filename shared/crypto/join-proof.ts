import { fromBase64url, toBase64url } from './base64url.ts';
import { hkdfFor, roomSecretMaterial } from './hkdf.ts';

/**
 * The join proof: a phone shows the server that it holds the room secret without revealing it,
 * so knowing the (public) room id is not enough to take a seat.
 *
 * HKDF derives a 32-byte join key from the room secret under its own label (hkdf.ts). When a
 * phone makes a room it hands the server that key as the room's *join verifier*. Every later join
 * answers a fresh nonce the server sent on that connection:
 *
 *   proof = HMAC-SHA-256(joinKey, serverNonce ‖ roomId ‖ memberId)
 *
 * over the raw bytes of the three (32, 16 and 16 bytes: fixed lengths, so the concatenation is
 * unambiguous). The nonce makes a proof single-use; roomId and memberId bind it to one room and
 * one seat claim, so a proof seen once is worth nothing anywhere else.
 *
 * What the server learns: the join key can verify (and so also make) proofs for this room, but it
 * is a one-way HKDF output under another label than the content key, so it decrypts nothing and
 * tells nothing about the room secret. Someone who steals the server's store could take a free
 * seat in a room (which the server itself could always refuse or fake anyway), never read it.
 */

export const NONCE_BYTES = 32;
const JOIN_KEY_BYTES = 32;
const ROOM_ID_BYTES = 16;
const MEMBER_ID_BYTES = 16;

/** What a proof answers: the connection's nonce and the claim it is made for. */
export interface ProofInput {
  readonly nonce: string;
  readonly roomId: string;
  readonly memberId: string;
}

/** A room's join key: the verifier the server keeps (base64url) and the same key to sign with. */
export interface JoinKey {
  readonly verifier: string;
  readonly key: CryptoKey;
}

export async function deriveJoinKey(roomSecret: string): Promise<JoinKey> {
  const material = await roomSecretMaterial(roomSecret);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(hkdfFor('join-key'), material, JOIN_KEY_BYTES * 8),
  );
  return { verifier: toBase64url(bits), key: await hmacKey(bits, 'sign') };
}

/** The proof for `input`, base64url (43 characters). */
export async function proveJoin(joinKey: JoinKey, input: ProofInput): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', joinKey.key, proofMessage(input));
  return toBase64url(new Uint8Array(mac));
}

/**
 * Whether `proof` answers `input` under the join key `verifier`. Never throws: anything malformed
 * is simply not a proof. The comparison is Web Crypto's HMAC verify, which takes the same time
 * however much of a forged proof is right.
 */
export async function verifyJoinProof(
  verifier: string,
  input: ProofInput,
  proof: string,
): Promise<boolean> {
  try {
    const keyBytes = fromBase64url(verifier);
    if (keyBytes.length !== JOIN_KEY_BYTES) return false;
    const key = await hmacKey(keyBytes, 'verify');
    return await crypto.subtle.verify('HMAC', key, fromBase64url(proof), proofMessage(input));
  } catch {
    return false;
  }
}

function hmacKey(bytes: Uint8Array<ArrayBuffer>, use: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [use]);
}

/** nonce ‖ roomId ‖ memberId as bytes; a TypeError if any has the wrong length. */
function proofMessage({ nonce, roomId, memberId }: ProofInput): Uint8Array<ArrayBuffer> {
  const parts = [
    exactly(nonce, NONCE_BYTES, 'nonce'),
    exactly(roomId, ROOM_ID_BYTES, 'room id'),
    exactly(memberId, MEMBER_ID_BYTES, 'member id'),
  ];
  const message = new Uint8Array(NONCE_BYTES + ROOM_ID_BYTES + MEMBER_ID_BYTES);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

function exactly(text: string, bytes: number, what: string): Uint8Array<ArrayBuffer> {
  const decoded = fromBase64url(text);
  if (decoded.length !== bytes) throw new TypeError(`a ${what} is ${String(bytes)} bytes`);
  return decoded;
}
