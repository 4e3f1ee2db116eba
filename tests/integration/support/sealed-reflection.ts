import { ReflectionAnswers } from '../../../shared/content.ts';
import { fromBase64url, toBase64url } from '../../../shared/crypto/base64url.ts';

/**
 * A stand-in for the phone's second seal of a reflection: AES-GCM under a fresh 32-byte key that
 * only the writer holds until it reveals it. Enough for an integration test to show that the
 * words travel opaque and open with the revealed key; the phone's own sealing is tested with it.
 */

export interface SealedReflection {
  readonly sealed: string;
  /** 43 base64url characters, as `reflection_revealed` carries it. */
  readonly key: string;
}

const IV_BYTES = 12;

export async function sealReflection(answers: ReflectionAnswers): Promise<SealedReflection> {
  const rawKey = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(ReflectionAnswers.parse(answers)));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return { sealed: toBase64url(new Uint8Array([...iv, ...cipher])), key: toBase64url(rawKey) };
}

export async function openReflection(sealed: string, key: string): Promise<ReflectionAnswers> {
  const bytes = fromBase64url(sealed);
  const cryptoKey = await crypto.subtle.importKey('raw', fromBase64url(key), 'AES-GCM', false, [
    'decrypt',
  ]);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) },
    cryptoKey,
    bytes.subarray(IV_BYTES),
  );
  return ReflectionAnswers.parse(JSON.parse(new TextDecoder().decode(plain)));
}
