import { describe, expect, it } from 'vitest';
import {
  alertKey,
  partnerRoundShown,
  partnerSilentRound,
  roomAlert,
  roundToPrompt,
  roundToSchedule,
  shownInterval,
} from '../../../../client/src/ui/before/rounds-view.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import type { Seat } from '../../../../shared/ids.ts';
import { foldLog, initialRoomState } from '../../../../shared/reducer.ts';
import type { CheckInInterval } from '../../../../shared/schedule.ts';
import type { CheckInAnswer } from '../../../../shared/signals.ts';
import { ended, idOf, log, signal, started, timeOf } from '../../support/logs.ts';
import { queued, viewOf } from './views.ts';

const MINUTE = 60_000;
const every = (everyMinutes: CheckInInterval): ContentEvent => ({
  type: 'regular_check_ins_set',
  everyMinutes,
});
const due = (round: number): ContentEvent => ({ type: 'check_in_round_due', round });
const answered = (round: number, answer: CheckInAnswer = 'okay'): ContentEvent => ({
  type: 'check_in_round_answer',
  round,
  answer,
});

/** Every 10 minutes (seq 1), started (seq 2). */
const RUNNING = foldLog(log([0, every(10)], [1, started]));
/** And round 1 came due (seq 3). */
const ROUND_1 = foldLog(log([0, every(10)], [1, started], [1, due(1)]));

describe('shownInterval', () => {
  it("is the log's value, or this phone's newer choice from the outbox", () => {
    expect(shownInterval(viewOf(initialRoomState))).toBe(0);
    expect(shownInterval(viewOf(RUNNING))).toBe(10);
    expect(shownInterval(viewOf(RUNNING, [queued(every(20), 5), queued(every(0))]))).toBe(0);
  });
});

describe('roundToSchedule', () => {
  it.each([
    ['nothing before the session', foldLog(log([0, every(10)])), [], null],
    ['nothing with check-ins off', foldLog(log([0, started])), [], null],
    [
      'round 1, an interval after the start',
      RUNNING,
      [],
      { round: 1, dueAt: timeOf(2) + 10 * MINUTE },
    ],
    [
      'round 2, an interval after round 1',
      ROUND_1,
      [],
      { round: 2, dueAt: timeOf(3) + 10 * MINUTE },
    ],
    ['nothing once this phone queued the round', RUNNING, [queued(due(1))], null],
    [
      'the round, when only an older one is queued',
      ROUND_1,
      [queued(due(1))],
      { round: 2, dueAt: timeOf(3) + 10 * MINUTE },
    ],
    ['nothing after the end', foldLog(log([0, every(10)], [1, started], [0, ended])), [], null],
  ] as const)('%s', (_title, room, outbox, expected) => {
    expect(roundToSchedule(viewOf(room, outbox))).toEqual(expected);
  });
});

describe('roundToPrompt', () => {
  const roundOneAnsweredBy = (seat: Seat) =>
    foldLog(log([0, every(10)], [1, started], [1, due(1)], [seat, answered(1)]));

  it.each([
    ['no round yet', RUNNING, [], 0, null],
    ['the round in the log, on both phones', ROUND_1, [], 0, 1],
    ['the round in the log, seat 1', ROUND_1, [], 1, 1],
    ['not once this seat answered in the log', roundOneAnsweredBy(0), [], 0, null],
    ['still, when only the partner answered', roundOneAnsweredBy(1), [], 0, 1],
    ['not once answered here, before the log has it', ROUND_1, [queued(answered(1))], 0, null],
    ['at once, a round this phone queued', RUNNING, [queued(due(1))], 0, 1],
    [
      'a queued round, answered here: none',
      RUNNING,
      [queued(due(1)), queued(answered(1))],
      0,
      null,
    ],
    ['the newer queued round over the logged one', ROUND_1, [queued(due(2))], 0, 2],
    [
      'the logged round when the newer one is answered',
      ROUND_1,
      [queued(due(2)), queued(answered(2))],
      0,
      1,
    ],
    ['not a queued round that does not follow the log', RUNNING, [queued(due(3))], 0, null],
    [
      'not a queued round while check-ins are off',
      foldLog(log([1, started])),
      [queued(due(1))],
      0,
      null,
    ],
    [
      'not after the end',
      foldLog(log([0, every(10)], [1, started], [1, due(1)], [0, ended])),
      [],
      0,
      null,
    ],
  ] as const)('%s', (_title, room, outbox, seat, expected) => {
    expect(roundToPrompt(viewOf(room, outbox, seat), seat)).toBe(expected);
  });
});

describe('roomAlert', () => {
  it("shows the partner's signals before a round, and the round once they are answered", () => {
    const room = foldLog(log([0, every(10)], [1, started], [1, due(1)], [1, signal('pause')]));
    const withSignal = roomAlert(viewOf(room), 0);
    expect(withSignal).toMatchObject({ type: 'signals', signals: [{ id: idOf(4) }] });
    const acknowledged = viewOf(room, [queued({ type: 'signal_seen', signalIds: [idOf(4)] })]);
    expect(roomAlert(acknowledged, 0)).toEqual({ type: 'round', round: 1 });
    // The sender of the signal is prompted for the round straight away.
    expect(roomAlert(viewOf(room, [], 1), 1)).toEqual({ type: 'round', round: 1 });
    expect(roomAlert(viewOf(RUNNING), 0)).toBeNull();
  });

  it('keys alerts so a different one mounts afresh', () => {
    const room = foldLog(log([1, signal('pause')]));
    const signals = roomAlert(viewOf(room), 0);
    expect(signals && alertKey(signals)).toBe(`signal-${idOf(1)}`);
    expect(alertKey({ type: 'round', round: 3 })).toBe('round-3');
  });
});

describe("the partner's round status", () => {
  const answeredBySeat1 = foldLog(
    log([0, every(10)], [1, started], [1, due(1)], [1, answered(1, 'slow_down')]),
  );

  it('waits for the silent partner of the latest round, while the session runs', () => {
    expect(partnerSilentRound(RUNNING, 0)).toBeNull();
    expect(partnerSilentRound(ROUND_1, 0)).toBe(1);
    expect(partnerSilentRound(answeredBySeat1, 0)).toBeNull();
    expect(partnerSilentRound(answeredBySeat1, 1)).toBe(1);
    expect(
      partnerSilentRound(foldLog(log([0, every(10)], [1, started], [1, due(1)], [0, ended])), 0),
    ).toBeNull();
  });

  it.each([
    ['waiting, before the silence lasted', ROUND_1, false, { kind: 'waiting', round: 1 }],
    ['unanswered, once it lasted', ROUND_1, true, { kind: 'unanswered', round: 1 }],
    [
      'the answer, however long',
      answeredBySeat1,
      true,
      { kind: 'answered', round: 1, answer: 'slow_down' },
    ],
    ['nothing before any round', RUNNING, true, null],
  ] as const)('%s', (_title, room, lasted, expected) => {
    expect(partnerRoundShown(room, 0, lasted)).toEqual(expected);
  });
});
