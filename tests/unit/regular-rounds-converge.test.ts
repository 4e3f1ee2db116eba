import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Seat } from '../../shared/ids.ts';
import { foldLog, initialRoomState, reduceRoom } from '../../shared/reducer.ts';
import { nextRoundNumber } from '../../shared/regular-check-ins.ts';
import {
  arbLog,
  arbRedeliveries,
  arbSeat,
  splitAt,
  withRedeliveries,
} from './support/arbitraries.ts';
import { everyMinutes, roundDue, timed } from './support/arc-logs.ts';
import type { TimedStep } from './support/arc-logs.ts';
import { started } from './support/logs.ts';

/**
 * Regular check-ins over generated logs: whichever phone's timer fires first writes a round, the
 * other phone may write the same round a moment later, and the server picks the order.
 */

describe('regular check-in properties', () => {
  it('both phones writing the same rounds in any order keep one per round, due at the first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        fc.array(fc.nat({ max: 90_000 }), { minLength: 12, maxLength: 12 }),
        arbRedeliveries,
        fc.array(fc.nat(), { maxLength: 4 }),
        (count, picks, gaps, redeliveries, cuts) => {
          // Each phone writes rounds 1..count in its own order; the server interleaves them.
          const numbers = Array.from({ length: count }, (_, i) => i + 1);
          const queues: [number[], number[]] = [[...numbers], [...numbers]];
          const steps: TimedStep[] = [
            [0, 0, everyMinutes(10)],
            [1, 0, started],
          ];
          let time = 0;
          for (let k = 0; queues[0].length + queues[1].length > 0; k += 1) {
            const seat: Seat =
              queues[1].length === 0 ||
              (queues[0].length > 0 && (picks[k % Math.max(1, picks.length)] ?? true))
                ? 0
                : 1;
            time += gaps[k % gaps.length] ?? 0;
            steps.push([seat, time, roundDue(queues[seat].shift() ?? 0)]);
          }
          const entries = timed(...steps);
          const phoneA = foldLog(entries);
          let phoneB = initialRoomState;
          for (const batch of splitAt(withRedeliveries(entries, redeliveries), cuts))
            phoneB = foldLog(batch, phoneB);
          expect(phoneB).toEqual(phoneA);
          const firstAt = (round: number) =>
            entries.find((e) => e.event.type === 'check_in_round_due' && e.event.round === round)
              ?.storedAt;
          expect(phoneA.regularCheckIns.rounds.map((r) => [r.round, r.dueAt])).toEqual(
            Array.from({ length: count }, (_, i) => [i + 1, firstAt(i + 1)]),
          );
        },
      ),
    );
  });

  it('in any log: rounds are 1..n in order, added only while a session runs with an interval on', () => {
    fc.assert(
      fc.property(arbLog(50), arbSeat, (entries, seat) => {
        let state = initialRoomState;
        for (const entry of entries) {
          const before = state;
          state = reduceRoom(before, entry);
          const added = state.regularCheckIns.rounds.length - before.regularCheckIns.rounds.length;
          expect(added === 0 || added === 1).toBe(true);
          if (added === 1) {
            expect(entry.event).toEqual(roundDue(nextRoundNumber(before)));
            expect(before.session.status).toBe('in_progress');
            expect(before.regularCheckIns.everyMinutes).not.toBe(0);
          }
          state.regularCheckIns.rounds.forEach((r, i) => {
            expect(r.round).toBe(i + 1);
            // An answer, once given, never changes.
            const old = before.regularCheckIns.rounds[i];
            if (old?.answers[seat] != null) expect(r.answers[seat]).toBe(old.answers[seat]);
          });
        }
      }),
    );
  });
});
