import fc from 'fast-check';
import type { ContentEvent, FollowUpRef } from '../../../shared/content.ts';
import { FOLLOW_UP_POINTS } from '../../../shared/schedule.ts';
import type { FollowUpPoint } from '../../../shared/schedule.ts';
import { CHECK_IN_ANSWERS } from '../../../shared/signals.ts';
import type { WishId } from '../../../shared/wishes.ts';
import {
  arbAfterwards,
  arbFollowUpFirst,
  arbInterval,
  arbMood,
  arbOwnWishes,
} from './arb-arc-events.ts';

/**
 * Drafts of aftercare-arc events for generated room logs (see arbLog in arbitraries.ts). Values
 * come from small pools so that entries collide the way two phones make them collide: both seats
 * wish for the same thing, both write the same round, a key arrives before its reflection, an
 * answer names a question asked earlier (or one never asked).
 */

/** A catalogue pool mixing items every plan holds (water, hug, talk) with ones only a wish adds. */
const LOG_WISHES: readonly WishId[] = ['water', 'hug', 'talk', 'shower', 'hold_hands', 'alone'];

/** Own words equal modulo case and spaces ("Tea"/"tea", "A walk"/"a  walk"): one plan item each. */
export const LOG_OWN_WORDS: readonly string[] = ['Tea', 'tea', 'A walk', 'a  walk', 'Music'];

const LOG_SEALED = ['c2VhbGVkLWE', 'c2VhbGVkLWI'] as const;
const LOG_KEYS = ['A'.repeat(43), 'B'.repeat(43)] as const;

/** Which question an answer names: one asked earlier in the log, or any id (often never asked). */
export interface AskTargetDraft {
  readonly earlierAsk: boolean;
  readonly pick: number;
}

export type CoverDraft =
  | { readonly type: 'scheduled'; readonly point: FollowUpPoint }
  | { readonly type: 'asked'; readonly target: AskTargetDraft };

export type ArcDraft =
  /** An event that needs nothing from the rest of the log. */
  | { readonly type: 'as_is'; readonly event: ContentEvent }
  | {
      readonly type: 'follow_up_answer';
      readonly covers: readonly CoverDraft[];
      readonly mood: 'okay' | 'low' | 'care';
      readonly note: string;
    };

const asIs = (event: ContentEvent): ArcDraft => ({ type: 'as_is', event });

const arbCover: fc.Arbitrary<CoverDraft> = fc.oneof(
  fc.constantFrom(...FOLLOW_UP_POINTS).map((point): CoverDraft => ({ type: 'scheduled', point })),
  fc
    .record({ earlierAsk: fc.boolean(), pick: fc.nat() })
    .map((target): CoverDraft => ({ type: 'asked', target })),
);

const arbLogRound = fc.integer({ min: 1, max: 4 });

/** Weighted drafts of every arc event, for `fc.oneof` next to the other drafts of a log. */
export const arcDrafts: readonly fc.WeightedArbitrary<ArcDraft>[] = [
  {
    weight: 2,
    arbitrary: fc
      .record({
        wishes: fc.shuffledSubarray([...LOG_WISHES], { maxLength: 4 }),
        own: arbOwnWishes(fc.constantFrom(...LOG_OWN_WORDS)).map((own) => own.slice(0, 3)),
        afterwards: arbAfterwards,
      })
      .map((fields) => asIs({ type: 'wishes_shared', ...fields })),
  },
  {
    weight: 1,
    arbitrary: arbInterval.map((everyMinutes) =>
      asIs({ type: 'regular_check_ins_set', everyMinutes }),
    ),
  },
  {
    weight: 2,
    arbitrary: arbLogRound.map((round) => asIs({ type: 'check_in_round_due', round })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ round: arbLogRound, answer: fc.constantFrom(...CHECK_IN_ANSWERS) })
      .map((fields) => asIs({ type: 'check_in_round_answer', ...fields })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...LOG_SEALED)
      .map((sealed) => asIs({ type: 'reflection_shared', sealed })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...LOG_KEYS)
      .map((key) => asIs({ type: 'reflection_revealed', key })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ first: arbFollowUpFirst, alsoLater: fc.boolean() })
      .map((fields) => asIs({ type: 'follow_up_set', ...fields })),
  },
  { weight: 1, arbitrary: fc.constant(asIs({ type: 'follow_up_asked' })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        covers: fc.array(arbCover, { minLength: 1, maxLength: 3 }),
        mood: arbMood,
        note: fc.constantFrom('', 'Fine, thanks'),
      })
      .map((fields): ArcDraft => ({ type: 'follow_up_answer', ...fields })),
  },
];

/** The event an arc draft stands for, its questions resolved against the log so far. */
export function resolveArcDraft(
  draft: ArcDraft,
  earlierAsks: readonly string[],
  everyId: readonly string[],
  unknownId: string,
): ContentEvent {
  switch (draft.type) {
    case 'as_is':
      return draft.event;
    case 'follow_up_answer': {
      const covers = draft.covers.map((cover): FollowUpRef => {
        if (cover.type === 'scheduled') return cover;
        const { earlierAsk, pick } = cover.target;
        const pool = earlierAsk && earlierAsks.length > 0 ? earlierAsks : everyId;
        return { type: 'asked', askId: pool[pick % pool.length] ?? unknownId };
      });
      return { type: 'follow_up_answer', covers, mood: draft.mood, note: draft.note };
    }
  }
}
