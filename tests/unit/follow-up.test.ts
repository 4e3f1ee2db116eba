import { describe, expect, it } from 'vitest';
import {
  followUpsAwaiting,
  lastFollowUpDueAt,
  ownAsksOpen,
  roomKeptUntil,
  wakeTimes,
  partnerFollowUpAnswers,
  scheduledFollowUps,
} from '../../shared/follow-up.ts';
import { foldLog } from '../../shared/reducer.ts';
import type { RoomState } from '../../shared/reducer.ts';
import {
  DEFAULT_FOLLOW_UP_FIRST,
  FOLLOW_UP_DELAY_MS,
  FOLLOW_UP_FIRST,
  followUpPointsOf,
} from '../../shared/schedule.ts';
import type { FollowUpFirst, FollowUpPoint } from '../../shared/schedule.ts';
import { ask, asked, followUpAnswer, followUpSet, scheduled } from './support/arc-logs.ts';
import { ended, idOf, log, started, timeOf } from './support/logs.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the follow-up schedule', () => {
  it('asks tomorrow unless the room chose otherwise; "a few hours" is four', () => {
    expect(DEFAULT_FOLLOW_UP_FIRST).toBe('day1');
    expect(FOLLOW_UP_DELAY_MS).toEqual({
      hours: 4 * HOUR,
      day1: DAY,
      day2: 2 * DAY,
      day3: 3 * DAY,
      day7: 7 * DAY,
    });
  });

  it.each<[FollowUpFirst, boolean, FollowUpPoint[]]>([
    ['off', false, []],
    ['off', true, []],
    ['hours', false, ['hours']],
    ['day1', false, ['day1']],
    ['day2', false, ['day2']],
    ['hours', true, ['hours', 'day3', 'day7']],
    ['day1', true, ['day1', 'day3', 'day7']],
    ['day2', true, ['day2', 'day3', 'day7']],
  ])('followUpPointsOf(%s, also later: %s) is %j', (first, alsoLater, points) => {
    expect(followUpPointsOf(first, alsoLater)).toEqual(points);
  });

  const endedAt = timeOf(2);
  it.each([
    { name: 'none before the end', log: log([0, started]), due: [], last: null },
    {
      name: 'tomorrow by default',
      log: log([0, started], [1, ended]),
      due: [['day1', DAY]],
      last: DAY,
    },
    {
      name: 'chosen before the end: counted from the end',
      log: log([0, followUpSet('hours', true)], [1, ended]),
      due: [
        ['hours', 4 * HOUR],
        ['day3', 3 * DAY],
        ['day7', 7 * DAY],
      ],
      last: 7 * DAY,
    },
    {
      name: 'changed after the end: the latest choice counts',
      log: log([0, started], [1, ended], [0, followUpSet('day2')], [1, followUpSet('day2', true)]),
      due: [
        ['day2', 2 * DAY],
        ['day3', 3 * DAY],
        ['day7', 7 * DAY],
      ],
      last: 7 * DAY,
    },
    {
      name: 'off: nothing is asked, the room need not be kept',
      log: log([0, followUpSet('off', true)], [1, ended]),
      due: [],
      last: null,
    },
  ])('$name', ({ log: entries, due, last }) => {
    const state = foldLog(entries);
    expect(scheduledFollowUps(state)).toEqual(
      due.map(([point, delay]) => ({ point, dueAt: endedAt + Number(delay) })),
    );
    expect(lastFollowUpDueAt(state)).toBe(last === null ? null : endedAt + last);
  });
});

const answers = (state: RoomState) =>
  state.followUp.answers.map((a) => [a.id, a.from, a.covers, a.mood, a.note]);

describe('follow-up answers in the log', () => {
  it.each([
    {
      name: 'an answer to a scheduled point, with its note',
      log: log([0, ended], [1, followUpAnswer([scheduled('day1')], 'low', 'Tired')]),
      answers: [[idOf(2), 1, [scheduled('day1')], 'low', 'Tired']],
    },
    {
      name: "an answer to the partner's question",
      log: log([0, ask], [1, followUpAnswer([asked(1)], 'care')]),
      answers: [[idOf(2), 1, [asked(1)], 'care', '']],
    },
    {
      name: 'an answer covering only questions never asked is ignored',
      log: log([0, ended], [1, followUpAnswer([asked(1), asked(9)])]),
      answers: [],
    },
    {
      name: 'an answer naming a question asked only later is ignored',
      log: log([1, followUpAnswer([asked(2)])], [0, ask]),
      answers: [],
    },
    {
      name: 'unknown questions are dropped from an answer that covers something real',
      log: log([0, ended], [0, ask], [1, followUpAnswer([asked(9), scheduled('day1'), asked(2)])]),
      answers: [[idOf(3), 1, [scheduled('day1'), asked(2)], 'okay', '']],
    },
    {
      name: 'one cannot answer one’s own question',
      log: log([0, ask], [0, followUpAnswer([asked(1)])]),
      answers: [],
    },
    {
      name: 'one’s own question is dropped from an answer that covers something real',
      log: log([0, ended], [0, ask], [0, followUpAnswer([asked(2), scheduled('day1')])]),
      answers: [[idOf(3), 0, [scheduled('day1')], 'okay', '']],
    },
    {
      name: 'a ref named twice counts once',
      log: log([0, ended], [1, followUpAnswer([scheduled('day1'), scheduled('day1')])]),
      answers: [[idOf(2), 1, [scheduled('day1')], 'okay', '']],
    },
    {
      name: 'a scheduled point answered before the session ended is ignored (none was due)',
      log: log([0, started], [1, followUpAnswer([scheduled('day1')])], [0, ended]),
      answers: [],
    },
    {
      name: 'answers from both and several from one are all kept, in log order',
      log: log(
        [0, ended],
        [1, followUpAnswer([scheduled('day1')], 'okay')],
        [0, followUpAnswer([scheduled('day1')], 'low')],
        [1, ask],
        [0, followUpAnswer([asked(4)], 'okay', 'Better now')],
      ),
      answers: [
        [idOf(2), 1, [scheduled('day1')], 'okay', ''],
        [idOf(3), 0, [scheduled('day1')], 'low', ''],
        [idOf(5), 0, [asked(4)], 'okay', 'Better now'],
      ],
    },
  ])('$name', ({ log: entries, answers: expected }) => {
    expect(answers(foldLog(entries))).toEqual(expected);
  });

  it('keeps each question once, with who asked and when, before or after the end', () => {
    const state = foldLog(log([1, ask], [0, ended], [0, ask]));
    expect(state.followUp.asks).toEqual([
      { id: idOf(1), from: 1, askedAt: timeOf(1) },
      { id: idOf(3), from: 0, askedAt: timeOf(3) },
    ]);
  });
});

describe('answers to points the setting does not ask at', () => {
  it('are ignored, so the point is still asked once the setting asks at it', () => {
    const state = foldLog(
      log(
        [0, ended],
        [1, followUpAnswer([scheduled('day3')], 'okay')],
        [0, followUpSet('day1', true)],
      ),
    );
    expect(state.followUp.answers).toEqual([]);
    const endedAt = timeOf(1);
    expect(followUpsAwaiting(state, 1, endedAt + FOLLOW_UP_DELAY_MS.day3)).toEqual([
      scheduled('day3'),
    ]);
  });
});

describe('wakeTimes: the follow-ups a phone asks to be woken for', () => {
  const DAY = FOLLOW_UP_DELAY_MS.day1;
  const state = foldLog(log([0, followUpSet('day1', true)], [1, ended]));
  const endedAt = timeOf(2);
  it.each([
    ['just after the end: all three', endedAt + 1, [DAY, 3 * DAY, 7 * DAY]],
    ['once the first is due: the two later', endedAt + DAY, [3 * DAY, 7 * DAY]],
    ['after the last: none', endedAt + 7 * DAY, []],
  ])('%s', (_, now, delays) => {
    expect(wakeTimes(state, now)).toEqual(delays.map((delay) => endedAt + delay));
  });
  it('asks none before the end or with the follow-up off', () => {
    expect(wakeTimes(foldLog(log([0, started])), 0)).toEqual([]);
    expect(wakeTimes(foldLog(log([0, followUpSet('off', true)], [1, ended])), 0)).toEqual([]);
  });
});

describe('roomKeptUntil', () => {
  const DAY = FOLLOW_UP_DELAY_MS.day1;
  it.each(
    FOLLOW_UP_FIRST.flatMap(
      (first) =>
        [
          [first, false],
          [first, true],
        ] as const,
    ),
  )(
    'with %s (also later: %s) asks one horizon in whole days, or 0 when off',
    (first, alsoLater) => {
      const state = foldLog(log([0, followUpSet(first, alsoLater)], [1, ended]));
      const kept = roomKeptUntil(state);
      if (first === 'off') {
        expect(kept).toBe(0);
        return;
      }
      const endedAt = timeOf(2);
      expect(kept).toBe((Math.floor((endedAt + 7 * DAY) / DAY) + 1) * DAY);
      expect((kept ?? 0) % DAY).toBe(0);
      expect(kept).toBeGreaterThan(lastFollowUpDueAt(state) ?? Infinity);
    },
  );
  it('asks nothing before the end', () => {
    expect(roomKeptUntil(foldLog(log([0, started])))).toBeNull();
  });
});

describe('partnerFollowUpAnswers and ownAsksOpen', () => {
  const state = foldLog(
    log(
      [0, ended],
      [0, ask],
      [1, ask],
      [0, ask],
      [1, followUpAnswer([asked(2), scheduled('day1')], 'low', 'A slow day')],
      [0, followUpAnswer([scheduled('day1')], 'okay')],
      [1, followUpAnswer([scheduled('day1')], 'care', 'Call me?')],
    ),
  );

  it("shows each seat the partner's answers, newest first", () => {
    expect(partnerFollowUpAnswers(state, 0).map((a) => [a.mood, a.note])).toEqual([
      ['care', 'Call me?'],
      ['low', 'A slow day'],
    ]);
    expect(partnerFollowUpAnswers(state, 1).map((a) => [a.mood, a.note])).toEqual([['okay', '']]);
  });

  it('lists the questions of a seat the partner has not answered yet', () => {
    expect(ownAsksOpen(state, 0).map((a) => a.id)).toEqual([idOf(4)]);
    expect(ownAsksOpen(state, 1).map((a) => a.id)).toEqual([idOf(3)]);
  });
});
