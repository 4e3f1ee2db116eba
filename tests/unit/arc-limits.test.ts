import { describe, expect, it } from 'vitest';
import { ContentEvent, ReflectionAnswers } from '../../shared/content.ts';
import type { FollowUpRef } from '../../shared/content.ts';
import { toBase64url } from '../../shared/crypto/base64url.ts';
import { deriveRoomKeys, newRoomSecret, openEvent, sealEvent } from '../../shared/crypto/codec.ts';
import { LIMITS, PADDING_BLOCK_BYTES } from '../../shared/limits.ts';
import { Ciphertext } from '../../shared/protocol.ts';
import { WISH_IDS } from '../../shared/wishes.ts';
import { fixedEventId, newEventId } from '../support/ids.ts';

/**
 * The largest valid event of every aftercare-arc type still seals within the wire limit, and the
 * longest reflection still seals within the `sealed` field's limit. Worst cases are built from
 * the characters that cost the most once JSON-encoded as UTF-8: 3-byte characters (CJK), 4-byte
 * ones (emoji, counted as one character), characters JSON escapes (quotes, backslashes, newlines),
 * and, where the schema allows them, lone surrogates (escaped as six bytes each).
 */

const keys = await deriveRoomKeys(newRoomSecret());
const context = () => ({ roomId: keys.roomId, eventId: newEventId(), seat: 1 as const });

async function expectSealsWithinLimit(event: ContentEvent): Promise<void> {
  expect(ContentEvent.parse(event)).toEqual(event);
  const ctx = context();
  const sealed = await sealEvent(keys, ctx, event);
  expect(sealed.length).toBeLessThanOrEqual(LIMITS.maxCiphertextChars);
  expect(Ciphertext.safeParse(sealed).success).toBe(true);
  await expect(openEvent(keys, ctx, sealed)).resolves.toEqual({ ok: true, event });
}

const MAX_ANSWER = LIMITS.maxReflectionChars;
const lone = (i: number) => String.fromCharCode(0xd800 + i);

/** Ten own wishes, distinct whatever their case, each `length` repeats of `unit(i)`. */
const ownOf = (unit: (i: number) => string, length: number = LIMITS.maxItemLabelChars) =>
  Array.from({ length: LIMITS.maxOwnWishes }, (_, i) => unit(i).repeat(length));

const asks: FollowUpRef[] = Array.from({ length: LIMITS.maxFollowUpCovers }, (_, i) => ({
  type: 'asked',
  askId: fixedEventId(i),
}));

describe('the largest event of each arc type seals within maxCiphertextChars', () => {
  it.each<[string, ContentEvent]>([
    [
      'every catalogue wish and ten own wishes of 80 three-byte characters',
      {
        type: 'wishes_shared',
        wishes: [...WISH_IDS],
        own: ownOf((i) => String.fromCharCode(0x8a9e + i)),
        afterwards: 'either',
      },
    ],
    [
      'every catalogue wish and ten own wishes of 80 emoji',
      {
        type: 'wishes_shared',
        wishes: [...WISH_IDS],
        own: ownOf((i) => String.fromCodePoint(0x1f600 + i)),
        afterwards: 'company',
      },
    ],
    [
      'every catalogue wish and ten own wishes of 80 lone surrogates (six bytes each in JSON)',
      { type: 'wishes_shared', wishes: [...WISH_IDS], own: ownOf(lone), afterwards: 'space' },
    ],
    [
      'every catalogue wish and ten own wishes of 80 quotes (escaped in JSON)',
      {
        type: 'wishes_shared',
        wishes: [...WISH_IDS],
        own: ownOf((i) => `${'"'.repeat(LIMITS.maxItemLabelChars - 1)}${String(i)}`, 1),
        afterwards: null,
      },
    ],
    ['the largest interval', { type: 'regular_check_ins_set', everyMinutes: 30 }],
    ['the last round', { type: 'check_in_round_due', round: 10_000 }],
    [
      'an answer to the last round',
      { type: 'check_in_round_answer', round: 10_000, answer: 'slow_down' },
    ],
    [
      'the longest sealed reflection',
      { type: 'reflection_shared', sealed: '_'.repeat(LIMITS.maxSealedReflectionChars) },
    ],
    ['a reflection key', { type: 'reflection_revealed', key: '-'.repeat(43) }],
    ['a follow-up setting', { type: 'follow_up_set', first: 'hours', alsoLater: true }],
    ['a question', { type: 'follow_up_asked' }],
    [
      'the most covers with the longest note of emoji',
      {
        type: 'follow_up_answer',
        covers: asks,
        mood: 'care',
        note: '🍵'.repeat(LIMITS.maxFollowUpNoteChars),
      },
    ],
    [
      'the most covers with the longest note of lone surrogates',
      {
        type: 'follow_up_answer',
        covers: asks,
        mood: 'low',
        note: lone(0).repeat(LIMITS.maxFollowUpNoteChars),
      },
    ],
  ])('%s', async (_name, event) => {
    await expectSealsWithinLimit(event);
  });
});

// ---- The reflection, sealed under its writer's own key ----

/**
 * Seals answers the way the codec seals an event: a version byte, a 12-byte IV, the JSON padded
 * with spaces to whole blocks, the 16-byte GCM tag, all base64url; under a fresh 32-byte key (43
 * base64url characters, as `reflection_revealed` carries it). What `maxSealedReflectionChars`
 * is sized for.
 */
async function sealLikeTheCodec(answers: ReflectionAnswers) {
  const rawKey = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  const json = new TextEncoder().encode(JSON.stringify(ReflectionAnswers.parse(answers)));
  const plain = new Uint8Array(
    Math.ceil((json.length + 1) / PADDING_BLOCK_BYTES) * PADDING_BLOCK_BYTES,
  ).fill(0x20);
  plain.set(json);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return { sealed: toBase64url(new Uint8Array([1, ...iv, ...sealed])), key: toBase64url(rawKey) };
}

const answerOf = (unit: string) => unit.repeat(MAX_ANSWER);

describe('the longest reflection seals within maxSealedReflectionChars', () => {
  it.each<[string, ReflectionAnswers]>([
    ['both answers of 400 three-byte characters', { good: answerOf('語'), change: answerOf('話') }],
    [
      'both answers of 400 emoji (one character each)',
      { good: answerOf('🍵'), change: answerOf('🌙') },
    ],
    ['both answers of 400 quotes and backslashes', { good: answerOf('"'), change: answerOf('\\') }],
    ['both answers of 400 newlines and tabs', { good: answerOf('\n'), change: answerOf('\t') }],
    [
      'both answers of 400 characters JSON leaves alone (U+2028)',
      { good: answerOf('\u2028'), change: answerOf('\u2029') },
    ],
  ])('%s', async (_name, answers) => {
    expect(ReflectionAnswers.parse(answers)).toEqual(answers);
    const { sealed, key } = await sealLikeTheCodec(answers);
    expect(sealed.length).toBeLessThanOrEqual(LIMITS.maxSealedReflectionChars);
    // ... and the event carrying it, and the key, seal within the wire limit.
    await expectSealsWithinLimit({ type: 'reflection_shared', sealed });
    await expectSealsWithinLimit({ type: 'reflection_revealed', key });
  });
});

describe('ReflectionAnswers', () => {
  it.each<[string, ReflectionAnswers]>([
    ['both empty', { good: '', change: '' }],
    ['several lines and tabs', { good: 'Slow start\n\tthen calm', change: 'More water\n' }],
    ['400 characters each', { good: answerOf('a'), change: answerOf('é') }],
    ['spaces kept as written', { good: '  calm  ', change: ' ' }],
  ])('accepts %s unchanged', (_name, answers) => {
    expect(ReflectionAnswers.parse(answers)).toEqual(answers);
  });

  it.each<[string, unknown]>([
    ['401 characters', { good: answerOf('a') + 'a', change: '' }],
    ['401 emoji', { good: '', change: answerOf('🍵') + '🍵' }],
    ['a NUL', { good: 'calm\u0000', change: '' }],
    ['a carriage return', { good: 'calm\r\n', change: '' }],
    ['an escape sequence', { good: '', change: '\u001b[31m' }],
    ['a C1 control (NEL)', { good: 'calm\u0085', change: '' }],
    ['a lone surrogate', { good: `calm${lone(0)}`, change: '' }],
    ['a lone low surrogate', { good: '', change: '\udc00' }],
    ['a missing answer', { good: 'calm' }],
    ['an extra key', { good: '', change: '', seat: 0 }],
    ['an answer that is not text', { good: 4, change: '' }],
  ])('rejects %s', (_name, answers) => {
    expect(ReflectionAnswers.safeParse(answers).success).toBe(false);
  });
});
