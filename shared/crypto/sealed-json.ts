import { PADDING_BLOCK_BYTES } from '../limits.ts';
import { fromBase64url, toBase64url } from './base64url.ts';

/**
 * The one sealed format of Tandem, for content events (codec.ts) and reflections alike: a format
 * version byte, a fresh 96-bit IV, and AES-256-GCM over JSON padded with trailing spaces to whole
 * 256-byte blocks (so a length tells at most the block the text ends in), bound to `aad`.
 */

export const FORMAT_VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Pads with trailing spaces (valid JSON whitespace) to a whole number of blocks. */
function padded(json: string): Uint8Array<ArrayBuffer> {
  const raw = encoder.encode(json);
  const size = Math.ceil((raw.length + 1) / PADDING_BLOCK_BYTES) * PADDING_BLOCK_BYTES;
  const out = new Uint8Array(size).fill(0x20);
  out.set(raw);
  return out;
}

/** Seals `value` as JSON under `key`, bound to `aad`: version byte, IV, ciphertext, base64url. */
export async function sealJson(key: CryptoKey, aad: Uint8Array, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad as Uint8Array<ArrayBuffer> },
    key,
    padded(JSON.stringify(value)),
  );
  const out = new Uint8Array(1 + IV_BYTES + sealed.byteLength);
  out[0] = FORMAT_VERSION;
  out.set(iv, 1);
  out.set(new Uint8Array(sealed), 1 + IV_BYTES);
  return toBase64url(out);
}

export type OpenJsonResult =
  | { readonly ok: true; readonly json: unknown }
  | { readonly ok: false; readonly reason: 'malformed' | 'unsupported' | 'tampered' | 'invalid' };

/**
 * Opens what sealJson made with the same key and `aad`, to parsed JSON (still to be checked
 * against its schema). Every failure is a typed reason, never a throw.
 */
export async function openJson(
  key: CryptoKey,
  aad: Uint8Array,
  sealed: string,
): Promise<OpenJsonResult> {
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
        additionalData: aad as Uint8Array<ArrayBuffer>,
      },
      key,
      bytes.subarray(1 + IV_BYTES),
    );
  } catch {
    return { ok: false, reason: 'tampered' };
  }
  try {
    return { ok: true, json: JSON.parse(decoder.decode(plain)) as unknown };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}
