import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  followUpsAwaiting,
  lastFollowUpDueAt,
  ownAsksOpen,
  partnerFollowUpAnswers,
} from '../../shared/follow-up.ts';
import type { Seat } from '../../shared/ids.ts';
import { planProgress, spaceAskedBy } from '../../shared/plan.ts';
import { foldLog, initialRoomState, reduceRoom } from '../../shared/reducer.ts';
import type { LogEntry, RoomState } from '../../shared/reducer.ts';
import { partnerReflectionReadable, shouldRevealOwn } from '../../shared/reflection.ts';
import {
  nextRoundDueAt,
  partnerRoundStatus,
  roundAwaiting,
} from '../../shared/regular-check-ins.ts';
import { arbLog, arbRedeliveries, splitAt, withRedeliveries } from './support/arbitraries.ts';

/**
 * The aftercare arc over generated logs, as a whole: the phones' screens read the room through
 * these selectors, so two phones holding the same log must answer every one of them alike.
 * The fold properties themselves (chunking, re-delivery, no mutation) are in reducer.test.ts,
 * over the same generated logs, which hold every arc event (checked below).
 */

const DAY = 86_400_000;

/** Everything a phone's screens ask of the arc, for one seat at one moment. */
const screens = (state: RoomState, seat: Seat, now: number) => ({
  progress: planProgress(state),
  space: spaceAskedBy(state),
  nextRound: nextRoundDueAt(state),
  awaitingRound: roundAwaiting(state, seat),
  partnerRound: partnerRoundStatus(state, seat, now),
  reveal: shouldRevealOwn(state, seat),
  partnerReflection: partnerReflectionReadable(state, seat),
  followUps: followUpsAwaiting(state, seat, now),
  lastFollowUp: lastFollowUpDueAt(state),
  asksOpen: ownAsksOpen(state, seat),
  partnerAnswers: partnerFollowUpAnswers(state, seat),
});

describe('the arc on two phones', () => {
  it('the same log gives both phones the same screens, however it arrived', () => {
    fc.assert(
      fc.property(
        arbLog(50),
        fc.array(fc.nat(), { maxLength: 6 }),
        arbRedeliveries,
        fc.nat({ max: 8 * DAY }),
        (entries, cuts, redeliveries, later) => {
          const phoneA = foldLog(entries);
          const copy = JSON.parse(JSON.stringify(entries)) as LogEntry[];
          let phoneB = initialRoomState;
          for (const batch of splitAt(withRedeliveries(copy, redeliveries), cuts)) {
            phoneB = foldLog(batch, phoneB);
          }
          expect(phoneB).toEqual(phoneA);
          const now = (entries.at(-1)?.storedAt ?? 0) + later;
          for (const seat of [0, 1] as const) {
            expect(screens(phoneB, seat, now)).toEqual(screens(phoneA, seat, now));
          }
        },
      ),
    );
  });
});

/** The parts of the arc the generated logs must reach, each in many logs (checked below). */
const ARC_PARTS = [
  'a share after the end',
  'a tick after the end',
  'a wish for both',
  'a wish for one',
  'own words',
  'two rounds',
  'a round written again',
  'a round answered by both',
  'both reflected',
  'a reflection revealed',
  'a question answered',
  'a scheduled follow-up answered',
] as const;
type ArcPart = (typeof ARC_PARTS)[number];

const roundsRun = (state: RoomState): boolean =>
  state.session.status === 'in_progress' && state.regularCheckIns.everyMinutes !== 0;

/** The parts of the arc one log reaches, folded entry by entry. */
function partsReached(entries: readonly LogEntry[]): Set<ArcPart> {
  const reached = new Set<ArcPart>();
  let state = initialRoomState;
  for (const entry of entries) {
    const before = state;
    state = reduceRoom(before, entry);
    const { event } = entry;
    if (before.session.status === 'ended' && event.type === 'wishes_shared') {
      reached.add('a share after the end');
    }
    if (before.session.status === 'ended' && event.type === 'checklist_item_checked') {
      reached.add('a tick after the end');
    }
    // The second phone's timer writing a round the room holds (which the reducer refuses).
    const held = before.regularCheckIns.rounds.length;
    if (roundsRun(before) && event.type === 'check_in_round_due' && event.round <= held) {
      reached.add('a round written again');
    }
  }
  const { checklist, regularCheckIns, reflections, followUp } = state;
  const fromWishes = checklist.filter((i) => i.source === 'wish');
  if (fromWishes.some((i) => i.audience === 'both')) reached.add('a wish for both');
  if (fromWishes.some((i) => i.audience !== 'both')) reached.add('a wish for one');
  if (fromWishes.some((i) => i.what.type === 'words')) reached.add('own words');
  if (regularCheckIns.rounds.length >= 2) reached.add('two rounds');
  if (regularCheckIns.rounds.some((r) => r.answers.every((a) => a !== null))) {
    reached.add('a round answered by both');
  }
  if (reflections.every((r) => r !== null)) reached.add('both reflected');
  if (reflections.some((r) => r?.key != null)) reached.add('a reflection revealed');
  if (followUp.answers.some((a) => a.covers.some((c) => c.type === 'asked'))) {
    reached.add('a question answered');
  }
  if (followUp.answers.some((a) => a.covers.some((c) => c.type === 'scheduled'))) {
    reached.add('a scheduled follow-up answered');
  }
  return reached;
}

/**
 * How many of the sampled logs must reach each part. Over other seeds every part is reached in
 * 9 or more of 300 logs (most in 20 to 100): a generator change that makes a part rare fails here,
 * rather than the check passing on a seed that happens to hold one such log.
 */
const MIN_LOGS_PER_PART = 5;

describe('generated logs (sanity check of the arbitrary)', () => {
  it('reach every part of the arc, each in many logs', () => {
    // A fixed seed keeps this check deterministic; the properties use fresh seeds.
    const logsReaching = new Map<ArcPart, number>(ARC_PARTS.map((part) => [part, 0]));
    for (const entries of fc.sample(arbLog(50), { numRuns: 300, seed: 20_250_614 })) {
      for (const part of partsReached(entries)) {
        logsReaching.set(part, (logsReaching.get(part) ?? 0) + 1);
      }
    }
    const rare = ARC_PARTS.filter((part) => (logsReaching.get(part) ?? 0) < MIN_LOGS_PER_PART);
    expect(rare.map((part) => `${part}: ${String(logsReaching.get(part))} logs`)).toEqual([]);
  });
});
