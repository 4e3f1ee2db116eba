import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoundSchedule } from '../../../../client/src/ui/before/round-timer.ts';
import {
  roundFiresAt,
  roundTimerOpened,
  roundTimerStep,
} from '../../../../client/src/ui/before/round-timer.ts';
import { roundToSchedule } from '../../../../client/src/ui/before/rounds-view.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import type { RoomState } from '../../../../shared/reducer.ts';
import { foldLog } from '../../../../shared/reducer.ts';
import { log, started, timeOf } from '../../support/logs.ts';
import { viewOf } from './views.ts';

const MINUTE = 60_000;
const EVERY = 10;
const every: ContentEvent = { type: 'regular_check_ins_set', everyMinutes: EVERY };
const due = (round: number): ContentEvent => ({ type: 'check_in_round_due', round });

/** Set to every 10 minutes (seq 1), nothing started. */
const BEFORE_START = foldLog(log([0, every]));
/** And started (seq 2): round 1 is due at timeOf(2) + 10 min on the log's clock. */
const RUNNING = foldLog(log([0, every], [1, started]));
/** And round 1 written (seq 3): round 2 is due at timeOf(3) + 10 min. */
const ROUND_1 = foldLog(log([0, every], [1, started], [1, due(1)]));

/** A phone clock this far ahead of the server's: more than the interval. */
const AHEAD = 15 * MINUTE;

/**
 * A screen's life as the hook lives it: the room it shows when it opens, then each room it shows
 * and when (this phone's clock). Returns when the last one's round fires.
 */
function firesAtOver(steps: readonly (readonly [RoomState, number])[]): number | null {
  const [first] = steps;
  if (first === undefined) throw new Error('a screen shows at least one room');
  let memory = roundTimerOpened(roundToSchedule(viewOf(first[0])));
  let firesAt: number | null = null;
  for (const [room, now] of steps) {
    const step = roundTimerStep(memory, roundToSchedule(viewOf(room)), now, EVERY);
    ({ memory, firesAt } = step);
  }
  return firesAt;
}

describe('the round timer', () => {
  it('waits a full interval for round 1 when the session started while the screen was open, the phone clock ahead', () => {
    const sawStartAt = timeOf(2) + AHEAD;
    const firesAt = firesAtOver([
      [BEFORE_START, timeOf(1) + AHEAD],
      [RUNNING, sawStartAt],
    ]);
    // The log says round 1 is due before this phone even saw the start: it must not write it then.
    expect(timeOf(2) + EVERY * MINUTE).toBeLessThan(sawStartAt);
    expect(firesAt).toBe(sawStartAt + EVERY * MINUTE);
  });

  it('fires at once for a round that came due while the screen was closed', () => {
    const openedAt = timeOf(2) + 25 * MINUTE;
    const firesAt = firesAtOver([[RUNNING, openedAt]]);
    expect(firesAt).toBe(timeOf(2) + EVERY * MINUTE);
    expect(firesAt).toBeLessThanOrEqual(openedAt);
  });

  it('keeps firing at once for that round however often the screen looks again', () => {
    const openedAt = timeOf(2) + 25 * MINUTE;
    const firesAt = firesAtOver([
      [RUNNING, openedAt],
      [RUNNING, openedAt + MINUTE],
    ]);
    expect(firesAt).toBe(timeOf(2) + EVERY * MINUTE);
  });

  it('waits a full interval for the next round after one written while the screen was open', () => {
    const sawRoundAt = timeOf(3) + AHEAD;
    const firesAt = firesAtOver([
      [RUNNING, timeOf(2) + AHEAD],
      [ROUND_1, sawRoundAt],
      // Looking again later does not restart the wait: it counts from when the round showed.
      [ROUND_1, sawRoundAt + 3 * MINUTE],
    ]);
    expect(firesAt).toBe(sawRoundAt + EVERY * MINUTE);
  });

  it('goes by the log alone when the phone clock is right', () => {
    const firesAt = firesAtOver([
      [BEFORE_START, timeOf(1)],
      [RUNNING, timeOf(2)],
    ]);
    expect(firesAt).toBe(timeOf(2) + EVERY * MINUTE);
  });

  it('has nothing to fire when nothing is scheduled', () => {
    expect(firesAtOver([[BEFORE_START, timeOf(1)]])).toBeNull();
  });

  const schedule = fc.record({
    round: fc.integer({ min: 1, max: 50 }),
    dueAt: fc.integer({ min: 0, max: 2 ** 40 }),
  });

  it('never fires before the log says; a schedule seen arriving waits an interval from then, the one held on opening does not', () => {
    fc.assert(
      fc.property(
        fc.option(schedule),
        fc.array(fc.tuple(fc.option(schedule), fc.integer({ min: 0, max: 2 ** 40 })), {
          maxLength: 8,
        }),
        (opened, later) => {
          let memory = roundTimerOpened(opened);
          /** This phone's clock when the schedule waited on first showed (consecutively). */
          let since: Seen | null = null;
          for (const [shown, now] of later) {
            const step = roundTimerStep(memory, shown, now, EVERY);
            memory = step.memory;
            if (shown === null) {
              expect(step.firesAt).toBeNull();
              continue;
            }
            const key = `${shown.round}@${shown.dueAt}`;
            const seenAt: number = since?.key === key ? since.at : now;
            since = { key, at: seenAt };
            const heldOnOpening = isSame(opened, shown);
            expect(step.firesAt).toBe(
              heldOnOpening ? shown.dueAt : Math.max(shown.dueAt, seenAt + EVERY * MINUTE),
            );
          }
        },
      ),
    );
  });
});

interface Seen {
  readonly key: string;
  readonly at: number;
}

const isSame = (a: RoundSchedule | null, b: RoundSchedule): boolean =>
  a !== null && a.round === b.round && a.dueAt === b.dueAt;

describe('roundFiresAt', () => {
  it.each([
    ['the log says, for a schedule the log already held', 1_000, null, 10, 1_000],
    ['the log says, when it is later than an interval after seeing it', 900_000, 0, 10, 900_000],
    ['an interval after seeing it, when the log says sooner', 1_000, 5_000, 10, 605_000],
  ] as const)('fires when %s', (_title, dueAt, seenLiveAt, minutes, expected) => {
    expect(roundFiresAt(dueAt, seenLiveAt, minutes)).toBe(expected);
  });

  it('never fires before the log says, nor sooner than an interval after seeing a live change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.option(fc.integer({ min: 0, max: 2 ** 45 })),
        fc.constantFrom(10, 15, 20, 30),
        (dueAt, seenLiveAt, minutes) => {
          const at = roundFiresAt(dueAt, seenLiveAt, minutes);
          expect(at).toBeGreaterThanOrEqual(dueAt);
          if (seenLiveAt !== null) expect(at).toBeGreaterThanOrEqual(seenLiveAt + minutes * MINUTE);
          expect(at === dueAt || at === (seenLiveAt ?? dueAt) + minutes * MINUTE).toBe(true);
        },
      ),
    );
  });
});
