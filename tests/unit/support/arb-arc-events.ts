import fc from 'fast-check';
import type { ContentEvent, FollowUpRef } from '../../../shared/content.ts';
import { toBase64url } from '../../../shared/crypto/base64url.ts';
import { LIMITS } from '../../../shared/limits.ts';
import {
  CHECK_IN_INTERVALS,
  FOLLOW_UP_FIRST,
  FOLLOW_UP_MOODS,
  FOLLOW_UP_POINTS,
} from '../../../shared/schedule.ts';
import type { CheckInInterval, FollowUpFirst, FollowUpMood } from '../../../shared/schedule.ts';
import { CHECK_IN_ANSWERS } from '../../../shared/signals.ts';
import { AFTERWARDS, WISH_IDS, ownWishKey } from '../../../shared/wishes.ts';
import type { Afterwards, WishId } from '../../../shared/wishes.ts';

/**
 * Arbitraries for the content events of the aftercare arc (wishes, regular check-ins, reflection,
 * follow-up), each producing only what the schema accepts unchanged: so `arbContentEvent`, and
 * every property over it (schema, codec, extra keys), covers these events too.
 */

const BASE64URL = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split('');

export const arbWishIds: fc.Arbitrary<WishId[]> = fc.shuffledSubarray([...WISH_IDS]);
export const arbAfterwards: fc.Arbitrary<Afterwards | null> = fc.constantFrom(null, ...AFTERWARDS);
export const arbInterval: fc.Arbitrary<CheckInInterval> = fc.constantFrom(...CHECK_IN_INTERVALS);
export const arbFollowUpFirst: fc.Arbitrary<FollowUpFirst> = fc.constantFrom(...FOLLOW_UP_FIRST);
export const arbMood: fc.Arbitrary<FollowUpMood> = fc.constantFrom(...FOLLOW_UP_MOODS);
export const arbRound: fc.Arbitrary<number> = fc.integer({ min: 1, max: 10_000 });

/** Any single UTF-16 code unit, lone surrogates included. */
const arbCodeUnit: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0xffff })
  .map((unit) => String.fromCharCode(unit));

/**
 * One line a person wrote, as the schema keeps it: trimmed, no control characters, at most
 * `maxChars` UTF-16 units (so at most that many code points), possibly empty.
 */
export const arbOneLine = (maxChars: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: maxChars }),
      fc.string({ unit: 'grapheme', maxLength: maxChars }),
      fc.string({ unit: arbCodeUnit, maxLength: maxChars }),
    )
    .map((raw) =>
      raw
        .replace(/\p{Cc}/gu, '')
        .trim()
        .slice(0, maxChars)
        .trim(),
    );

/**
 * A person's own wishes: labels the schema keeps, each once whatever its case and spacing
 * (ownWishKey). Drawn unique by case, then thinned by ownWishKey, so labels that differ only in
 * spacing are still drawn (and one of them kept).
 */
export const arbOwnWishes = (label: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc
    .uniqueArray(label, { maxLength: LIMITS.maxOwnWishes, selector: (text) => text.toLowerCase() })
    .map((labels) => labels.filter((text, i) => firstWithKey(labels, text) === i));

const firstWithKey = (labels: readonly string[], label: string): number =>
  labels.findIndex((other) => ownWishKey(other) === ownWishKey(label));

/** Opaque base64url text, as a reflection sealed under its writer's key looks to anyone else. */
export const arbSealed: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 1, maxLength: 600 }),
  fc.string({
    unit: fc.constantFrom(...BASE64URL),
    minLength: LIMITS.maxSealedReflectionChars - 8,
    maxLength: LIMITS.maxSealedReflectionChars,
  }),
);

/** A reflection key: 32 bytes, base64url (43 characters). */
export const arbRevealKey: fc.Arbitrary<string> = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map(toBase64url);

export const arbFollowUpRef = (askId: fc.Arbitrary<string>): fc.Arbitrary<FollowUpRef> =>
  fc.oneof(
    fc
      .constantFrom(...FOLLOW_UP_POINTS)
      .map((point): FollowUpRef => ({ type: 'scheduled', point })),
    askId.map((id): FollowUpRef => ({ type: 'asked', askId: id })),
  );

/** Every event of the arc, valid and in the form the schema returns it. */
export const arbArcEvent = (
  itemLabel: fc.Arbitrary<string>,
  eventId: fc.Arbitrary<string>,
): fc.Arbitrary<ContentEvent> =>
  fc.oneof(
    fc
      .record({ wishes: arbWishIds, own: arbOwnWishes(itemLabel), afterwards: arbAfterwards })
      .map((fields): ContentEvent => ({ type: 'wishes_shared', ...fields })),
    arbInterval.map((everyMinutes): ContentEvent => ({
      type: 'regular_check_ins_set',
      everyMinutes,
    })),
    arbRound.map((round): ContentEvent => ({ type: 'check_in_round_due', round })),
    fc
      .record({ round: arbRound, answer: fc.constantFrom(...CHECK_IN_ANSWERS) })
      .map((fields): ContentEvent => ({ type: 'check_in_round_answer', ...fields })),
    arbSealed.map((sealed): ContentEvent => ({ type: 'reflection_shared', sealed })),
    arbRevealKey.map((key): ContentEvent => ({ type: 'reflection_revealed', key })),
    fc
      .record({ first: arbFollowUpFirst, alsoLater: fc.boolean() })
      .map((fields): ContentEvent => ({ type: 'follow_up_set', ...fields })),
    fc.constant<ContentEvent>({ type: 'follow_up_asked' }),
    fc
      .record({
        covers: fc.array(arbFollowUpRef(eventId), {
          minLength: 1,
          maxLength: LIMITS.maxFollowUpCovers,
        }),
        mood: arbMood,
        note: arbOneLine(LIMITS.maxFollowUpNoteChars),
      })
      .map((fields): ContentEvent => ({ type: 'follow_up_answer', ...fields })),
  );
