import { hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReflectionContext } from '../../../client/src/room/reflection-crypto.ts';
import {
  deriveReflectionKey,
  openReflection,
  sealReflection,
} from '../../../client/src/room/reflection-crypto.ts';
import { ContentEvent, ReflectionRevealed } from '../../../shared/content.ts';
import type { ReflectionAnswers } from '../../../shared/content.ts';
import { fromBase64url, toBase64url } from '../../../shared/crypto/base64url.ts';
import { deriveRoomKeys, newRoomSecret, sealEvent } from '../../../shared/crypto/codec.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { fixedEventId, newMemberSecret, newRoomId } from '../../support/ids.ts';

const CONTEXT: ReflectionContext = { roomId: newRoomId(), seat: 0 };
const MAX = LIMITS.maxReflectionChars;

async function sealed(key: string, answers: ReflectionAnswers, context = CONTEXT) {
  const result = await sealReflection(key, context, answers);
  if (!result.ok) throw new Error(`not sealed: ${result.reason}`);
  return result.sealed;
}

describe('deriveReflectionKey', () => {
  it('is HKDF-SHA-256 of the device secret, named for the purpose and the room, 32 bytes', async () => {
    const secret = newMemberSecret();
    const roomId = newRoomId();
    const key = await deriveReflectionKey(secret, roomId);
    const expected = hkdfSync(
      'sha256',
      fromBase64url(secret),
      new TextEncoder().encode('tandem/v1'),
      new TextEncoder().encode(`reflection-key|${roomId}`),
      32,
    );
    expect(key).toBe(toBase64url(new Uint8Array(expected)));
    // Exactly what `reflection_revealed` carries.
    expect(ReflectionRevealed.safeParse({ type: 'reflection_revealed', key }).success).toBe(true);
  });

  it('is the same after a reload, and another for another room or another device', async () => {
    const secret = newMemberSecret();
    const roomId = newRoomId();
    const key = await deriveReflectionKey(secret, roomId);
    expect(await deriveReflectionKey(secret, roomId)).toBe(key);
    expect(await deriveReflectionKey(secret, newRoomId())).not.toBe(key);
    expect(await deriveReflectionKey(newMemberSecret(), roomId)).not.toBe(key);
  });
});

describe('sealReflection / openReflection', () => {
  const key = toBase64url(crypto.getRandomValues(new Uint8Array(32)));

  it.each<[string, ReflectionAnswers]>([
    ['both empty', { good: '', change: '' }],
    ['plain words', { good: 'Taking it slowly', change: 'More water nearby' }],
    ['lines, tabs and quotes', { good: 'one\ntwo\tthree "four"', change: '\\ back\\slash' }],
    ['emoji and accents', { good: 'Café 😀', change: 'Ünïcödé' }],
  ])('round-trips %s', async (_name, answers) => {
    expect(await openReflection(key, CONTEXT, await sealed(key, answers))).toEqual({
      ok: true,
      answers,
    });
  });

  it('seals with a fresh IV each time', async () => {
    const answers = { good: 'same', change: 'same' };
    expect(await sealed(key, answers)).not.toBe(await sealed(key, answers));
  });

  it('pads, so a short and a longer answer seal to the same length', async () => {
    const short = await sealed(key, { good: 'a', change: '' });
    const longer = await sealed(key, { good: 'a'.repeat(150), change: 'b'.repeat(50) });
    expect(longer).toHaveLength(short.length);
  });

  it.each<[string, string]>([
    ['ASCII', 'a'],
    ['three-byte characters', '€'],
    ['quotes (escaped in JSON)', '"'],
    ['newlines (escaped in JSON)', '\n'],
    ['unpaired surrogates', '\uD800'],
    ['emoji (surrogate pairs)', '😀'],
  ])(
    'the longest answers of %s seal within the limit, and the event fits an envelope',
    async (_name, unit) => {
      const longest = unit.repeat(Math.floor(MAX / unit.length));
      const text = await sealed(key, { good: longest, change: longest });
      expect(text.length).toBeLessThanOrEqual(LIMITS.maxSealedReflectionChars);
      const event = { type: 'reflection_shared', sealed: text } as const;
      expect(ContentEvent.safeParse(event).success).toBe(true);
      const keys = await deriveRoomKeys(newRoomSecret());
      const context = { roomId: keys.roomId, eventId: fixedEventId(1), seat: 0 as const };
      const envelope = await sealEvent(keys, context, event);
      expect(envelope.length).toBeLessThanOrEqual(LIMITS.maxCiphertextChars);
    },
  );

  it('property: any answers the contract accepts round-trip and stay within the limit', async () => {
    const paragraph = fc
      .string({ unit: 'binary', maxLength: MAX })
      .map((text) => text.replace(/[\p{Cc}]/gu, (c) => (c === '\n' || c === '\t' ? c : ' ')))
      .map((text) => text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'))
      .filter((text) => text.length <= MAX);
    await fc.assert(
      fc.asyncProperty(paragraph, paragraph, async (good, change) => {
        const text = await sealed(key, { good, change });
        expect(text.length).toBeLessThanOrEqual(LIMITS.maxSealedReflectionChars);
        expect(await openReflection(key, CONTEXT, text)).toEqual({
          ok: true,
          answers: { good, change },
        });
      }),
      { numRuns: 60 },
    );
  });

  it('refuses answers the contract does not accept, and a key that is not 32 bytes', async () => {
    const tooLong = { good: 'x'.repeat(MAX + 1), change: '' };
    const control = { good: 'bell \u0007', change: '' };
    expect(await sealReflection(key, CONTEXT, tooLong)).toEqual({
      ok: false,
      reason: 'invalid_answers',
    });
    expect(await sealReflection(key, CONTEXT, control)).toEqual({
      ok: false,
      reason: 'invalid_answers',
    });
    expect(await sealReflection('short', CONTEXT, { good: '', change: '' })).toEqual({
      ok: false,
      reason: 'bad_key',
    });
  });

  it('does not open with another key, in another room or as the other seat', async () => {
    const text = await sealed(key, { good: 'mine', change: '' });
    const otherKey = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
    expect(await openReflection(otherKey, CONTEXT, text)).toEqual({
      ok: false,
      reason: 'tampered',
    });
    expect(await openReflection(key, { ...CONTEXT, roomId: newRoomId() }, text)).toEqual({
      ok: false,
      reason: 'tampered',
    });
    expect(await openReflection(key, { ...CONTEXT, seat: 1 }, text)).toEqual({
      ok: false,
      reason: 'tampered',
    });
  });

  it.each<[string, (text: string) => string, string]>([
    ['not base64url', () => 'not base64url!', 'malformed'],
    ['too short', (text) => text.slice(0, 20), 'malformed'],
    [
      'another format version',
      (text) => {
        const bytes = fromBase64url(text);
        bytes[0] = 9;
        return toBase64url(bytes);
      },
      'unsupported',
    ],
    [
      'a flipped byte',
      (text) => {
        const bytes = fromBase64url(text);
        bytes[30] = (bytes[30] ?? 0) ^ 1;
        return toBase64url(bytes);
      },
      'tampered',
    ],
  ])('says why it cannot open a sealed text that is %s', async (_name, spoil, reason) => {
    const text = await sealed(key, { good: 'x', change: 'y' });
    expect(await openReflection(key, CONTEXT, spoil(text))).toEqual({ ok: false, reason });
  });

  it('says a key that is not one is a bad key', async () => {
    const text = await sealed(key, { good: 'x', change: 'y' });
    expect(await openReflection('AAAA', CONTEXT, text)).toEqual({ ok: false, reason: 'bad_key' });
  });
});
