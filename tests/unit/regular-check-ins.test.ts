import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldLog, initialRoomState } from '../../shared/reducer.ts';
import type { RoomState } from '../../shared/reducer.ts';
import {
  nextRoundDueAt,
  nextRoundNumber,
  partnerRoundStatus,
  roundAwaiting,
} from '../../shared/regular-check-ins.ts';
import { UNANSWERED_AFTER_MS } from '../../shared/schedule.ts';
import { everyMinutes, foldMore, roundAnswer, roundDue, timed } from './support/arc-logs.ts';
import { ended, log, started, T0 } from './support/logs.ts';

const MIN = 60_000;

const rounds = (state: RoomState) =>
  state.regularCheckIns.rounds.map((r) => [r.round, r.dueAt - T0, r.answers]);

describe('rounds in the log', () => {
  const running = [
    [0, everyMinutes(10)],
    [1, started],
  ] as const;
  it.each([
    {
      name: 'a round comes due while a session runs',
      log: log(...running, [0, roundDue(1)]),
      rounds: [[1, 3000, [null, null]]],
    },
    {
      name: 'both phones write round 1: one round, due when the first wrote it',
      log: log(...running, [1, roundDue(1)], [0, roundDue(1)]),
      rounds: [[1, 3000, [null, null]]],
    },
    {
      name: 'only the next round number is kept',
      log: log(
        ...running,
        [0, roundDue(2)],
        [0, roundDue(1)],
        [1, roundDue(3)],
        [1, roundDue(2)],
        [0, roundDue(1)],
      ),
      rounds: [
        [1, 4000, [null, null]],
        [2, 6000, [null, null]],
      ],
    },
    {
      name: 'none when the interval was never set',
      log: log([0, started], [0, roundDue(1)]),
      rounds: [],
    },
    {
      name: 'none when off',
      log: log([0, everyMinutes(10)], [1, started], [0, everyMinutes(0)], [0, roundDue(1)]),
      rounds: [],
    },
    {
      name: 'none before the session starts',
      log: log([0, everyMinutes(10)], [0, roundDue(1)], [1, started]),
      rounds: [],
    },
    { name: 'none after it ends', log: log(...running, [0, ended], [1, roundDue(1)]), rounds: [] },
    {
      name: 'turning them off keeps the rounds so far; on again, numbering goes on',
      log: log(
        ...running,
        [0, roundDue(1)],
        [1, everyMinutes(0)],
        [0, roundDue(2)],
        [1, everyMinutes(15)],
        [1, roundDue(2)],
      ),
      rounds: [
        [1, 3000, [null, null]],
        [2, 7000, [null, null]],
      ],
    },
    {
      name: 'each seat answers once: the first answer counts',
      log: log(
        ...running,
        [0, roundDue(1)],
        [1, roundAnswer(1, 'slow_down')],
        [1, roundAnswer(1, 'okay')],
        [0, roundAnswer(1, 'pause')],
      ),
      rounds: [[1, 3000, ['pause', 'slow_down']]],
    },
    {
      name: 'an answer to a round not (yet) due is ignored',
      log: log(
        ...running,
        [1, roundAnswer(1, 'okay')],
        [0, roundDue(1)],
        [0, roundAnswer(2, 'okay')],
      ),
      rounds: [[1, 4000, [null, null]]],
    },
    {
      name: 'an earlier round can still be answered, and after the end too',
      log: log(
        ...running,
        [0, roundDue(1)],
        [0, roundDue(2)],
        [1, ended],
        [1, roundAnswer(1, 'okay')],
      ),
      rounds: [
        [1, 3000, [null, 'okay']],
        [2, 4000, [null, null]],
      ],
    },
  ])('$name', ({ log: entries, rounds: expected }) => {
    expect(rounds(foldLog(entries))).toEqual(expected);
  });
});

describe('nextRoundDueAt and nextRoundNumber', () => {
  it.each([
    { name: 'nothing set', log: timed([0, 5 * MIN, started]), due: null },
    { name: 'off', log: timed([0, 0, everyMinutes(0)], [1, 5 * MIN, started]), due: null },
    { name: 'not started', log: timed([0, 0, everyMinutes(10)]), due: null },
    {
      name: 'set before the start: from the start',
      log: timed([0, 0, everyMinutes(10)], [1, 5 * MIN, started]),
      due: 15 * MIN,
    },
    {
      name: 'set after the start: from when it was set',
      log: timed([1, 0, started], [0, 7 * MIN, everyMinutes(20)]),
      due: 27 * MIN,
    },
    {
      name: 'after a round: from when that round came due',
      log: timed([0, 0, everyMinutes(10)], [1, MIN, started], [0, 11 * MIN + 500, roundDue(1)]),
      due: 21 * MIN + 500,
    },
    {
      name: 'changed after a round: re-anchored on the change',
      log: timed(
        [0, 0, everyMinutes(10)],
        [1, 0, started],
        [0, 10 * MIN, roundDue(1)],
        [1, 14 * MIN, everyMinutes(30)],
      ),
      due: 44 * MIN,
    },
    {
      name: 'set again to the same interval: re-anchored too',
      log: timed([0, 0, everyMinutes(15)], [1, 0, started], [0, 9 * MIN, everyMinutes(15)]),
      due: 24 * MIN,
    },
    {
      name: 'ended',
      log: timed([0, 0, everyMinutes(10)], [1, 0, started], [1, MIN, ended]),
      due: null,
    },
  ])('$name: $due', ({ log: entries, due }) => {
    expect(nextRoundDueAt(foldLog(entries))).toBe(due);
  });

  it('numbers rounds 1, 2, … after those in the log', () => {
    const state = foldLog(
      log([0, everyMinutes(10)], [1, started], [0, roundDue(1)], [1, roundDue(2)]),
    );
    expect(nextRoundNumber(initialRoomState)).toBe(1);
    expect(nextRoundNumber(state)).toBe(3);
  });
});

describe('roundAwaiting and partnerRoundStatus', () => {
  // Round 1 comes due at 10 min; seat 0 has answered it, seat 1 has not.
  const base = timed(
    [0, 0, everyMinutes(10)],
    [1, 0, started],
    [1, 10 * MIN, roundDue(1)],
    [0, 10 * MIN + 5, roundAnswer(1, 'okay')],
  );
  const state = foldLog(base);
  const dueAt = 10 * MIN;

  it('prompts the seat that has not answered the latest round, while the session runs', () => {
    expect(roundAwaiting(state, 0)).toBeNull();
    expect(roundAwaiting(state, 1)).toMatchObject({ round: 1, dueAt });
    expect(roundAwaiting(initialRoomState, 0)).toBeNull();
    expect(roundAwaiting(foldMore(state, [0, 11 * MIN, ended]), 1)).toBeNull();
  });

  it('prompts only the latest round: a missed one is not asked again', () => {
    const later = foldMore(
      state,
      [0, 20 * MIN, roundDue(2)],
      [1, 20 * MIN + 1, roundAnswer(2, 'okay')],
    );
    expect(roundAwaiting(later, 1)).toBeNull();
    expect(roundAwaiting(later, 0)).toMatchObject({ round: 2 });
  });

  it.each([
    { name: 'just due', now: dueAt, status: { kind: 'waiting', round: 1 } },
    {
      name: 'a moment before',
      now: dueAt + UNANSWERED_AFTER_MS - 1,
      status: { kind: 'waiting', round: 1 },
    },
    {
      name: 'exactly UNANSWERED_AFTER_MS',
      now: dueAt + UNANSWERED_AFTER_MS,
      status: { kind: 'unanswered', round: 1 },
    },
    { name: 'long after', now: dueAt + 9 * MIN, status: { kind: 'unanswered', round: 1 } },
  ])('seat 0 sees its partner $name: $status.kind', ({ now, status }) => {
    expect(partnerRoundStatus(state, 0, now)).toEqual(status);
  });

  it('seat 1 sees the answer; once both answered each sees the other’s', () => {
    expect(partnerRoundStatus(state, 1, dueAt)).toEqual({
      kind: 'answered',
      round: 1,
      answer: 'okay',
    });
    const both = foldMore(state, [1, 10 * MIN + 9, roundAnswer(1, 'pause')]);
    expect(partnerRoundStatus(both, 0, dueAt)).toEqual({
      kind: 'answered',
      round: 1,
      answer: 'pause',
    });
  });

  it('says nothing before any round, or of an unanswered round once the session ended', () => {
    expect(partnerRoundStatus(initialRoomState, 0, dueAt)).toBeNull();
    const over = foldMore(state, [0, 11 * MIN, ended]);
    expect(partnerRoundStatus(over, 0, dueAt + 5 * MIN)).toBeNull();
    expect(partnerRoundStatus(over, 1, dueAt + 5 * MIN)).toMatchObject({ kind: 'answered' });
  });

  it('waiting turns unanswered exactly at UNANSWERED_AFTER_MS, and stays so', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MIN, max: 10 * MIN }), (elapsed) => {
        const status = partnerRoundStatus(state, 0, dueAt + elapsed);
        expect(status?.kind).toBe(elapsed >= UNANSWERED_AFTER_MS ? 'unanswered' : 'waiting');
      }),
    );
  });
});
