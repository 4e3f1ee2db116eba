import { ContentEvent } from '../content.ts';
import type { Seat } from '../ids.ts';
import { randomBase64url, toBase64url } from './base64url.ts';
import { hkdfFor, roomSecretMaterial } from './hkdf.ts';
import { openJson, sealJson } from './sealed-json.ts';

/**
 * End-to-end encryption of content events. The room secret (32 random bytes) never leaves the
 * two browsers; from it HKDF derives the public room id and the AES-GCM content key (hkdf.ts; the
 * join key, join-proof.ts, comes from it under a label of its own). Each sealed
 * event is bound (as additional authenticated data) to its room, event id and sender seat, so the
 * server cannot move a ciphertext to another room, replay it under another id, or re-attribute it
 * to the other partner without the open failing.
 */

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
  const material = await roomSecretMaterial(roomSecret);
  const roomIdBits = await crypto.subtle.deriveBits(hkdfFor('room-id'), material, 128);
  const contentKey = await crypto.subtle.deriveKey(
    hkdfFor('content-key'),
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
