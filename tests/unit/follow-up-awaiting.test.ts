import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FollowUpRef } from '../../shared/content.ts';
import { followUpsAwaiting, ownAsksOpen, scheduledFollowUps } from '../../shared/follow-up.ts';
import type { Seat } from '../../shared/ids.ts';
import { otherSeat } from '../../shared/ids.ts';
import { foldLog, reduceRoom } from '../../shared/reducer.ts';
import type { RoomState } from '../../shared/reducer.ts';
import { arbLog, arbSeat } from './support/arbitraries.ts';
import { arbMood } from './support/arb-arc-events.ts';
import {
  ask,
  followUpAnswer,
  followUpSet,
  foldMore,
  scheduled,
  timed,
} from './support/arc-logs.ts';
import { ended, idOf, started } from './support/logs.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const E = 1_000;

const asked = (seq: number): FollowUpRef => ({ type: 'asked', askId: idOf(seq) });
const awaiting = (state: RoomState, now: number) => [
  followUpsAwaiting(state, 0, now),
  followUpsAwaiting(state, 1, now),
];

describe('followUpsAwaiting', () => {
  const tomorrow = foldLog(timed([0, 0, started], [1, E, ended]));
  const alsoLater = foldLog(timed([0, 0, followUpSet('day1', true)], [1, E, ended]));

  it.each([
    { name: 'nothing before the point is due', state: tomorrow, now: E + DAY - 1, refs: [[], []] },
    {
      name: 'both are asked once it is due (exactly)',
      state: tomorrow,
      now: E + DAY,
      refs: [[scheduled('day1')], [scheduled('day1')]],
    },
    {
      name: 'an answer settles it for its sender only',
      state: foldMore(tomorrow, [1, E + DAY + 5, followUpAnswer([scheduled('day1')])]),
      now: E + DAY + 9,
      refs: [[scheduled('day1')], []],
    },
    {
      name: 'only the latest due point is asked: a missed one is not',
      state: alsoLater,
      now: E + 3 * DAY + 12 * HOUR,
      refs: [[scheduled('day3')], [scheduled('day3')]],
    },
    {
      name: 'a later point is asked though the first was answered',
      state: foldMore(alsoLater, [0, E + DAY + 1, followUpAnswer([scheduled('day1')])]),
      now: E + 3 * DAY,
      refs: [[scheduled('day3')], [scheduled('day3')]],
    },
    {
      name: 'the latest answered stands for a missed earlier one',
      state: foldMore(alsoLater, [0, E + 3 * DAY + 1, followUpAnswer([scheduled('day3')])]),
      now: E + 6 * DAY,
      refs: [[], [scheduled('day3')]],
    },
    {
      name: 'then the next point',
      state: foldMore(alsoLater, [0, E + 3 * DAY + 1, followUpAnswer([scheduled('day3')])]),
      now: E + 7 * DAY,
      refs: [[scheduled('day7')], [scheduled('day7')]],
    },
    {
      name: "the partner's questions, before the end too, not one's own",
      state: foldLog(timed([0, 0, started], [1, 5, ask], [1, 6, ask], [0, 7, ask])),
      now: 8,
      refs: [[asked(2), asked(3)], [asked(4)]],
    },
    {
      name: 'the due point first, then questions in the order asked; answered ones are gone',
      state: foldMore(
        tomorrow,
        [1, E + 1, ask],
        [1, E + 2, ask],
        [0, E + 3, followUpAnswer([asked(3)])],
      ),
      now: E + DAY,
      refs: [[scheduled('day1'), asked(4)], [scheduled('day1')]],
    },
    {
      name: 'off: only questions',
      state: foldMore(tomorrow, [0, E + 1, followUpSet('off', true)], [0, E + 2, ask]),
      now: E + 8 * DAY,
      refs: [[], [asked(4)]],
    },
    {
      name: 'a point "answered" before the end is still asked when due',
      state: foldLog(
        timed([0, 0, started], [1, 1, followUpAnswer([scheduled('day1')])], [0, E, ended]),
      ),
      now: E + DAY,
      refs: [[scheduled('day1')], [scheduled('day1')]],
    },
  ])('$name', ({ state, now, refs }) => {
    expect(awaiting(state, now)).toEqual(refs);
  });
});

// ---- Properties ----

const arbLater = fc.oneof(
  fc.nat({ max: 8 * DAY }),
  fc.constantFrom(4 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY),
);

/** A generated log, and a moment some time after its last entry (up to 8 days). */
const arbScene = fc.record({ entries: arbLog(50), later: arbLater, seat: arbSeat });
const momentAfter = (state: RoomState, entries: readonly { storedAt: number }[], later: number) =>
  (state.session.endedAt ?? entries.at(-1)?.storedAt ?? 0) + later;

describe('follow-up properties', () => {
  it('asks at most the latest due point and the partner’s open questions, each once', () => {
    fc.assert(
      fc.property(arbScene, ({ entries, later, seat }) => {
        const state = foldLog(entries);
        const now = momentAfter(state, entries, later);
        const refs = followUpsAwaiting(state, seat, now);
        expect(new Set(refs.map((r) => JSON.stringify(r))).size).toBe(refs.length);
        const points = refs.filter((r) => r.type === 'scheduled');
        const latestDue = scheduledFollowUps(state)
          .filter((p) => p.dueAt <= now)
          .at(-1);
        expect(points.length).toBeLessThanOrEqual(1);
        if (points[0] !== undefined) expect(points[0].point).toBe(latestDue?.point);
        for (const ref of refs.filter((r) => r.type === 'asked')) {
          expect(state.followUp.asks.find((a) => a.id === ref.askId)?.from).toBe(otherSeat(seat));
        }
      }),
    );
  });

  it('answering what is asked settles it for that seat, and only for that seat', () => {
    fc.assert(
      fc.property(arbScene, arbMood, ({ entries, later, seat }, mood) => {
        const state = foldLog(entries);
        const now = momentAfter(state, entries, later);
        const refs = followUpsAwaiting(state, seat, now);
        fc.pre(refs.length > 0);
        const seq = state.lastSeq + 1;
        const event = followUpAnswer(refs.slice(0, 8), mood);
        const after = reduceRoom(state, { seq, eventId: idOf(seq), seat, storedAt: now, event });
        expect(followUpsAwaiting(after, seat, now)).toEqual(refs.slice(8));
        const partner: Seat = otherSeat(seat);
        expect(followUpsAwaiting(after, partner, now)).toEqual(
          followUpsAwaiting(state, partner, now),
        );
        const answeredAsks = refs.slice(0, 8).flatMap((r) => (r.type === 'asked' ? [r.askId] : []));
        expect(ownAsksOpen(after, partner).map((a) => a.id)).toEqual(
          ownAsksOpen(state, partner)
            .map((a) => a.id)
            .filter((id) => !answeredAsks.includes(id)),
        );
      }),
    );
  });

  it('an answer covering only unknown questions or one’s own changes nothing', () => {
    fc.assert(
      fc.property(
        arbScene,
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        ({ entries, seat }, picks) => {
          const state = foldLog(entries);
          const own = state.followUp.asks.filter((a) => a.from === seat).map((a) => a.id);
          const pool = [...own, 'never_asked___________'];
          const covers = picks.map((p): FollowUpRef => ({
            type: 'asked',
            askId: pool[p % pool.length] ?? '',
          }));
          const seq = state.lastSeq + 1;
          const entry = {
            seq,
            eventId: idOf(seq),
            seat,
            storedAt: seq,
            event: followUpAnswer(covers),
          };
          expect(reduceRoom(state, entry)).toEqual({ ...state, lastSeq: seq });
        },
      ),
    );
  });
});
