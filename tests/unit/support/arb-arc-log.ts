import fc from 'fast-check';
import type { ContentEvent, FollowUpRef } from '../../../shared/content.ts';
import { CHECK_IN_INTERVALS, FOLLOW_UP_POINTS } from '../../../shared/schedule.ts';
import type { FollowUpPoint } from '../../../shared/schedule.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import { CHECK_IN_ANSWERS } from '../../../shared/signals.ts';
import type { CheckInAnswer } from '../../../shared/signals.ts';
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
 * answer names a question asked earlier (or one never asked). Drafts that name something in the
 * log (a question, a round) are resolved against a model of the log so far, so that rounds the
 * reducer keeps, and answers to them from both seats, are common rather than lucky.
 */

// ---- What the log so far holds ----

/**
 * What the generator keeps of the log so far, for the drafts that name something in it. Its own
 * model of the reducer's rules rather than the reducer itself: if the two drift apart, only the
 * reach checked in reducer-arc.test.ts suffers, never what a property proves.
 */
export interface ArcLogModel {
  /** Follow-up questions asked so far, by event id. */
  readonly asks: readonly string[];
  readonly session: 'not_started' | 'in_progress' | 'ended';
  readonly everyMinutes: number;
  /** Rounds the room holds: the reducer keeps a round only as the next one, while rounds run. */
  readonly rounds: number;
}

export const emptyArcLogModel: ArcLogModel = {
  asks: [],
  session: 'not_started',
  everyMinutes: 0,
  rounds: 0,
};

const roundsRun = (model: ArcLogModel): boolean =>
  model.session === 'in_progress' && model.everyMinutes !== 0;

/** The model once `entry` is in the log. */
export function observeArcEntry(model: ArcLogModel, entry: LogEntry): ArcLogModel {
  const { event } = entry;
  switch (event.type) {
    case 'session_started':
      return model.session === 'not_started' ? { ...model, session: 'in_progress' } : model;
    case 'session_ended':
      return { ...model, session: 'ended' };
    case 'regular_check_ins_set':
      return { ...model, everyMinutes: event.everyMinutes };
    case 'check_in_round_due':
      return roundsRun(model) && event.round === model.rounds + 1
        ? { ...model, rounds: event.round }
        : model;
    case 'follow_up_asked':
      return { ...model, asks: [...model.asks, entry.eventId] };
    default:
      // Every other event leaves what the drafts resolve against as it was.
      return model;
  }
}

// ---- Drafts ----

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

/**
 * Which round a phone writes as due. Mostly the next one (kept while a session runs with an
 * interval set); also the latest again, as the second phone's timer writes it, or one that
 * skips ahead: both refused.
 */
export type DueRoundDraft = 'next' | 'latest_again' | 'ahead';

/** Intervals that make rounds run, for a round step that has to agree one first. */
const RUNNING_INTERVALS = CHECK_IN_INTERVALS.filter((minutes) => minutes !== 0);
type RunningInterval = (typeof RUNNING_INTERVALS)[number];

/** Which round an answer names: mostly the latest (the one prompted), an earlier one, or none held. */
export type AnsweredRoundDraft = 'latest' | 'earlier' | 'not_held';

export type ArcDraft =
  /** An event that needs nothing from the rest of the log. */
  | { readonly type: 'as_is'; readonly event: ContentEvent }
  /** A step of the regular check-ins: a round due, or what rounds need first (see roundStep). */
  | {
      readonly type: 'round_step';
      readonly which: DueRoundDraft;
      readonly pick: number;
      readonly everyMinutes: RunningInterval;
    }
  | {
      readonly type: 'round_answer';
      readonly which: AnsweredRoundDraft;
      readonly pick: number;
      readonly answer: CheckInAnswer;
    }
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

const arbDueRound: fc.Arbitrary<DueRoundDraft> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('next' as const) },
  { weight: 3, arbitrary: fc.constant('latest_again' as const) },
  { weight: 1, arbitrary: fc.constant('ahead' as const) },
);

const arbAnsweredRound: fc.Arbitrary<AnsweredRoundDraft> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('latest' as const) },
  { weight: 2, arbitrary: fc.constant('earlier' as const) },
  { weight: 1, arbitrary: fc.constant('not_held' as const) },
);

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
    weight: 3,
    arbitrary: fc
      .record({
        which: arbDueRound,
        pick: fc.nat(),
        everyMinutes: fc.constantFrom(...RUNNING_INTERVALS),
      })
      .map((fields): ArcDraft => ({ type: 'round_step', ...fields })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        which: arbAnsweredRound,
        pick: fc.nat(),
        answer: fc.constantFrom(...CHECK_IN_ANSWERS),
      })
      .map((fields): ArcDraft => ({ type: 'round_answer', ...fields })),
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

/** The round number a due step writes, given the rounds the room holds. */
function dueRound(which: DueRoundDraft, pick: number, rounds: number): number {
  switch (which) {
    case 'next':
      return rounds + 1;
    case 'latest_again':
      return Math.max(rounds, 1);
    case 'ahead':
      return rounds + 2 + (pick % 3);
  }
}

/**
 * A round step, resolved against the log so far. Rounds only run in a started session with an
 * interval set, which a log of random events rarely holds for long: so a step taken before then
 * writes what the phones do first (agree an interval, start the session), and a step taken while
 * rounds run writes a round. After the end it writes a round anyway: a late timer, refused.
 */
function roundStep(
  draft: Extract<ArcDraft, { type: 'round_step' }>,
  earlier: ArcLogModel,
): ContentEvent {
  if (earlier.everyMinutes === 0) {
    return { type: 'regular_check_ins_set', everyMinutes: draft.everyMinutes };
  }
  if (earlier.session === 'not_started') return { type: 'session_started' };
  return { type: 'check_in_round_due', round: dueRound(draft.which, draft.pick, earlier.rounds) };
}

/** The round number an answer names, given the rounds the room holds (none: a refused answer). */
function answeredRound(which: AnsweredRoundDraft, pick: number, rounds: number): number {
  switch (which) {
    case 'latest':
      return Math.max(rounds, 1);
    case 'earlier':
      return 1 + (pick % Math.max(rounds, 1));
    case 'not_held':
      return rounds + 1 + (pick % 3);
  }
}

/** The event an arc draft stands for, resolved against the log so far. */
export function resolveArcDraft(
  draft: ArcDraft,
  earlier: ArcLogModel,
  everyId: readonly string[],
  unknownId: string,
): ContentEvent {
  switch (draft.type) {
    case 'as_is':
      return draft.event;
    case 'round_step':
      return roundStep(draft, earlier);
    case 'round_answer': {
      const round = answeredRound(draft.which, draft.pick, earlier.rounds);
      return { type: 'check_in_round_answer', round, answer: draft.answer };
    }
    case 'follow_up_answer': {
      const covers = draft.covers.map((cover): FollowUpRef => {
        if (cover.type === 'scheduled') return cover;
        const { earlierAsk, pick } = cover.target;
        const pool = earlierAsk && earlier.asks.length > 0 ? earlier.asks : everyId;
        return { type: 'asked', askId: pool[pick % pool.length] ?? unknownId };
      });
      return { type: 'follow_up_answer', covers, mood: draft.mood, note: draft.note };
    }
  }
}
