import { ReflectionAnswers } from '../../../shared/content.ts';
import { deriveRoomKeys } from '../../../shared/crypto/codec.ts';
import { fromBase64url, toBase64url } from '../../../shared/crypto/base64url.ts';
import { openJson, sealJson } from '../../../shared/crypto/sealed-json.ts';
import type { Seat } from '../../../shared/ids.ts';
import { loadOrCreateDevice } from './device-record.ts';
import type { KeyValueStorage } from './storage.ts';

/**
 * A reflection is sealed a second time, inside the room's own encryption, under a key that only
 * its writer's device can make: HKDF of the device's reflection secret (device-record.ts), which
 * never leaves this browser, with the room id. Not of the member secret: that one travels in
 * every join, so the server, with the partner's room keys, could have made the key too. The
 * partner's phone holds the room keys but not this one, so it cannot read the answers until the
 * writer reveals the key. Deriving it from the kept secret lets a reload, or a second tab of the
 * same browser, make the same key again.
 */

const KEY_BYTES = 32;
const HKDF_SALT = new TextEncoder().encode('tandem/v1');
const encoder = new TextEncoder();

/** Where a sealed reflection belongs: it opens only as the reflection of this seat in this room. */
export interface ReflectionContext {
  readonly roomId: string;
  readonly seat: Seat;
}

export type SealReflectionResult =
  | { readonly ok: true; readonly sealed: string }
  | { readonly ok: false; readonly reason: 'invalid_answers' | 'bad_key' };

export type OpenReflectionResult =
  | { readonly ok: true; readonly answers: ReflectionAnswers }
  | {
      readonly ok: false;
      /** `locked`: the writer has not revealed their key (yet). */
      readonly reason: 'locked' | 'bad_key' | 'malformed' | 'unsupported' | 'tampered' | 'invalid';
    };

/** The raw 32-byte reflection key, base64url (43 characters): what `reflection_revealed` carries. */
export async function deriveReflectionKey(
  reflectionSecret: string,
  roomId: string,
): Promise<string> {
  const material = await crypto.subtle.importKey(
    'raw',
    fromBase64url(reflectionSecret),
    'HKDF',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: HKDF_SALT,
      info: encoder.encode(`reflection-key|${roomId}`),
    },
    material,
    KEY_BYTES * 8,
  );
  return toBase64url(new Uint8Array(bits));
}

/**
 * This device's reflection key for the room of `roomSecret`, from the reflection secret its
 * device record keeps (made there on first use, for a record from before it existed); null once `open()` says the room is over. The record is read only after that
 * check, in the same task, so a room that ended meanwhile leaves no new record behind (R6).
 */
export async function deviceReflectionKey(
  storage: KeyValueStorage,
  roomSecret: string,
  open: () => boolean,
): Promise<{ readonly roomId: string; readonly key: string } | null> {
  const { roomId } = await deriveRoomKeys(roomSecret);
  if (!open()) return null;
  const { reflectionSecret } = loadOrCreateDevice(storage, roomId);
  return { roomId, key: await deriveReflectionKey(reflectionSecret, roomId) };
}

async function importKey(key: string, usage: KeyUsage): Promise<CryptoKey | null> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64url(key);
  } catch {
    return null;
  }
  if (raw.length !== KEY_BYTES) return null;
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, [usage]);
}

const additionalData = ({ roomId, seat }: ReflectionContext) =>
  encoder.encode(`tandem/v1|reflection|${roomId}|${String(seat)}`);

/**
 * A lone surrogate would be written by JSON.stringify as a six-byte escape; made U+FFFD (three
 * bytes) it keeps the longest answers within the sealed size the contract allows. (With the `u`
 * flag the class matches only unpaired surrogates: a pair is one code point.)
 */
const wellFormed = (value: string): string => value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');

/** Seals `answers` under `key` (base64url) with a random IV: version byte, IV, ciphertext. */
export async function sealReflection(
  key: string,
  context: ReflectionContext,
  answers: ReflectionAnswers,
): Promise<SealReflectionResult> {
  const parsed = ReflectionAnswers.safeParse({
    good: wellFormed(answers.good),
    change: wellFormed(answers.change),
  });
  if (!parsed.success) return { ok: false, reason: 'invalid_answers' };
  const aesKey = await importKey(key, 'encrypt');
  if (aesKey === null) return { ok: false, reason: 'bad_key' };
  return { ok: true, sealed: await sealJson(aesKey, additionalData(context), parsed.data) };
}

/** Opens a sealed reflection with its writer's key; any failure is a typed reason, never a throw. */
export async function openReflection(
  key: string,
  context: ReflectionContext,
  sealed: string,
): Promise<OpenReflectionResult> {
  const aesKey = await importKey(key, 'decrypt');
  if (aesKey === null) return { ok: false, reason: 'bad_key' };
  const opened = await openJson(aesKey, additionalData(context), sealed);
  if (!opened.ok) return opened;
  const parsed = ReflectionAnswers.safeParse(opened.json);
  return parsed.success ? { ok: true, answers: parsed.data } : { ok: false, reason: 'invalid' };
}
