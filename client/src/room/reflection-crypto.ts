import { ReflectionAnswers } from '../../../shared/content.ts';
import { deriveRoomKeys } from '../../../shared/crypto/codec.ts';
import { fromBase64url, toBase64url } from '../../../shared/crypto/base64url.ts';
import type { Seat } from '../../../shared/ids.ts';
import { PADDING_BLOCK_BYTES } from '../../../shared/limits.ts';
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

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HKDF_SALT = new TextEncoder().encode('tandem/v1');
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

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

/**
 * Trailing spaces (JSON whitespace) to a whole number of blocks, as the room codec pads: the
 * sealed length says at most which block the answers end in, not how much was written.
 */
function padded(json: string): Uint8Array<ArrayBuffer> {
  const raw = encoder.encode(json);
  const size = Math.ceil((raw.length + 1) / PADDING_BLOCK_BYTES) * PADDING_BLOCK_BYTES;
  const out = new Uint8Array(size).fill(0x20);
  out.set(raw);
  return out;
}

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
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(context) },
    aesKey,
    padded(JSON.stringify(parsed.data)),
  );
  const out = new Uint8Array(1 + IV_BYTES + sealed.byteLength);
  out[0] = FORMAT_VERSION;
  out.set(iv, 1);
  out.set(new Uint8Array(sealed), 1 + IV_BYTES);
  return { ok: true, sealed: toBase64url(out) };
}

/** Opens a sealed reflection with its writer's key; any failure is a typed reason, never a throw. */
export async function openReflection(
  key: string,
  context: ReflectionContext,
  sealed: string,
): Promise<OpenReflectionResult> {
  const aesKey = await importKey(key, 'decrypt');
  if (aesKey === null) return { ok: false, reason: 'bad_key' };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64url(sealed);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES) return { ok: false, reason: 'malformed' };
  if (bytes[0] !== FORMAT_VERSION) return { ok: false, reason: 'unsupported' };
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: bytes.subarray(1, 1 + IV_BYTES),
        additionalData: additionalData(context),
      },
      aesKey,
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
  const parsed = ReflectionAnswers.safeParse(json);
  return parsed.success ? { ok: true, answers: parsed.data } : { ok: false, reason: 'invalid' };
}
