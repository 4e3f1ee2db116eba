import { ContentEvent } from '../content.ts';
import type { Seat } from '../ids.ts';
import { fromBase64url, randomBase64url, toBase64url } from './base64url.ts';
import { openJson, sealJson } from './sealed-json.ts';

/**
 * End-to-end encryption of content events. The room secret (32 random bytes) never leaves the
 * two browsers; from it HKDF derives the public room id and the AES-GCM content key. Each sealed
 * event is bound (as additional authenticated data) to its room, event id and sender seat, so the
 * server cannot move a ciphertext to another room, replay it under another id, or re-attribute it
 * to the other partner without the open failing.
 */

const HKDF_SALT = new TextEncoder().encode('tandem/v1');
const encoder = new TextEncoder();

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

export async function sealEvent(
  keys: RoomKeys,
  context: SealContext,
  event: ContentEvent,
): Promise<string> {
  return sealJson(keys.contentKey, additionalData(context), ContentEvent.parse(event));
}

export async function openEvent(
  keys: RoomKeys,
  context: SealContext,
  ciphertext: string,
): Promise<OpenResult> {
  const opened = await openJson(keys.contentKey, additionalData(context), ciphertext);
  if (!opened.ok) return opened;
  const parsed = ContentEvent.safeParse(opened.json);
  return parsed.success ? { ok: true, event: parsed.data } : { ok: false, reason: 'invalid' };
}
