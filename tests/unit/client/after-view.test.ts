import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../client/src/room/outbox.ts';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import {
  askWaiting,
  displayedFollowUp,
  followUpsWaiting,
  latestPartnerAnswers,
  nextFollowUpAt,
} from '../../../client/src/ui/after/follow-up-view.ts';
import {
  PLAN_GROUP_ORDER,
  aftercareMinutes,
  displayedProgress,
  planGroups,
  spaceAsk,
} from '../../../client/src/ui/after/plan-view.ts';
import { reflectionStage } from '../../../client/src/ui/after/reflection-view.ts';
import { aftercareTimer, planText } from '../../../client/src/ui/text/after.ts';
import { itemLabel } from '../../../client/src/ui/view-model.ts';
import type { ContentEvent, FollowUpRef } from '../../../shared/content.ts';
import type { Seat } from '../../../shared/ids.ts';
import { foldLog } from '../../../shared/reducer.ts';
import type { RoomState } from '../../../shared/room-state.ts';
import { FOLLOW_UP_DELAY_MS } from '../../../shared/schedule.ts';
import type { Afterwards, WishId } from '../../../shared/wishes.ts';
import { fixedEventId } from '../../support/ids.ts';
import { arbItemLabel, arbSeat } from '../support/arbitraries.ts';
import { added, checked, ended, idOf, log, timeOf } from '../support/logs.ts';

let nextId = 900;
function queued(event: ContentEvent): OutboxEntry {
  nextId += 1;
  return { eventId: fixedEventId(nextId), event, queuedAt: 0, ackedSeq: null };
}

const view = (room: RoomState, outbox: readonly ContentEvent[] = [], seat: Seat = 0): RoomView => ({
  status: { kind: 'open' },
  connected: true,
  seat,
  presence: null,
  room,
  outbox: outbox.map(queued),
  unreachable: false,
  unsentSignalLost: false,
  refused: null,
  serverPush: { kind: 'unknown' },
});

const wishes = (
  chosen: readonly WishId[],
  own: readonly string[] = [],
  afterwards: Afterwards | null = null,
): ContentEvent => ({ type: 'wishes_shared', wishes: [...chosen], own: [...own], afterwards });

const SEALED = 'AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiM';
const KEY = 'A'.repeat(43);

describe('the plan', () => {
  it('groups the defaults and both partners’ wishes, each marked for whom, in group order', () => {
    const room = foldLog(
      log(
        [0, wishes(['water', 'shower', 'alone'], ['A walk'])],
        [1, wishes(['water', 'hold_hands'], ['a  walk', 'Music'])],
        [0, ended],
        [1, added('tea', 'Tea', 'seat1')],
      ),
    );
    const groups = planGroups(room.checklist).map(({ group, items }) => [
      group,
      items.map((item) => `${itemLabel(item)} (${item.audience})`),
    ]);
    expect(groups).toEqual([
      [
        'body',
        [
          'Water (both)',
          'A snack (both)',
          'Warmth or a blanket (both)',
          'Rest (both)',
          'Tending to marks or sore spots (both)',
          // Wished items join the plan after its defaults; the plan's order holds in each group.
          'A shower (seat0)',
        ],
      ],
      ['closeness', ['A hug (both)', 'Holding hands (seat1)']],
      ['words', ['Talking it through (both)', 'Quiet (both)']],
      ['space', ['Time alone (seat0)']],
      ['other', ['A walk (both)', 'Music (seat1)', 'Tea (seat1)']],
    ]);
  });

  it('property: the groups hold every item once, in group order, none empty', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbSeat, arbItemLabel), { maxLength: 12 }),
        fc.subarray(['water', 'shower', 'hug', 'stay_close', 'alone', 'message_later'] as const),
        (additions, chosen) => {
          const room = foldLog(
            log(
              [1, wishes(chosen)],
              [0, ended],
              ...additions.map(
                ([seat, label], i) => [seat, added(`item${String(i)}`, label)] as const,
              ),
            ),
          );
          const groups = planGroups(room.checklist);
          expect(groups.flatMap(({ items }) => items)).toHaveLength(room.checklist.length);
          expect(new Set(groups.flatMap(({ items }) => items.map((item) => item.id)))).toEqual(
            new Set(room.checklist.map((item) => item.id)),
          );
          const order = groups.map(({ group }) => PLAN_GROUP_ORDER.indexOf(group));
          expect(order).toEqual([...order].sort((a, b) => a - b));
          expect(groups.every(({ items }) => items.length > 0)).toBe(true);
        },
      ),
    );
  });

  it('counts this phone’s ticks still on their way, both ways', () => {
    const room = foldLog(log([0, ended], [1, checked('wish-water')], [1, checked('wish-rest')]));
    expect(displayedProgress(view(room))).toEqual({ done: 2, total: 8 });
    const pending = view(room, [checked('wish-hug'), checked('wish-rest', false)]);
    expect(displayedProgress(pending)).toEqual({ done: 2, total: 8 });
    expect(displayedProgress(view(room, [checked('wish-hug')]))).toEqual({ done: 3, total: 8 });
  });

  it.each<[string, readonly (readonly [Seat, ContentEvent])[], Seat, string | null]>([
    ['nobody asked', [[0, wishes([], [], 'company')]], 0, null],
    ['this person asked', [[0, wishes([], [], 'space')]], 0, 'you'],
    ['the partner asked', [[0, wishes([], [], 'space')]], 1, 'partner'],
    [
      'both asked',
      [
        [0, wishes([], [], 'space')],
        [1, wishes([], [], 'space')],
      ],
      1,
      'both',
    ],
    [
      'one asked, then changed their mind',
      [
        [1, wishes([], [], 'space')],
        [1, wishes([], [], 'either')],
      ],
      0,
      null,
    ],
  ])('says who asked for space: %s', (_name, steps, seat, expected) => {
    expect(spaceAsk(foldLog(log(...steps)), seat)).toBe(expected);
  });

  it.each([
    [0, 0],
    [59_999, 0],
    [60_000, 1],
    [12 * 60_000 + 5_000, 12],
    [-30_000, 0],
  ])('%d ms after the end is %d whole minutes', (elapsed, minutes) => {
    expect(aftercareMinutes(1_000_000, 1_000_000 + elapsed)).toBe(minutes);
  });

  it.each([
    [0, 'Aftercare: 0 min'],
    [12, 'Aftercare: 12 min'],
    [60, 'Aftercare: 1 h 0 min'],
    [135, 'Aftercare: 2 h 15 min'],
  ])('words %d minutes as %s', (minutes, words) => {
    expect(aftercareTimer(planText.get(), minutes)).toBe(words);
  });
});

describe('the follow-up', () => {
  const END_SEQ = 1;
  const endedAt = timeOf(END_SEQ);
  const DAY = FOLLOW_UP_DELAY_MS.day1;

  it('shows the room’s setting, or this person’s change while it is on its way', () => {
    const room = foldLog(
      log([0, ended], [1, { type: 'follow_up_set', first: 'hours', alsoLater: true }]),
    );
    expect(displayedFollowUp(view(room))).toEqual({ first: 'hours', alsoLater: true });
    const changing = view(room, [{ type: 'follow_up_set', first: 'off', alsoLater: false }]);
    expect(displayedFollowUp(changing)).toEqual({ first: 'off', alsoLater: false });
  });

  it('asks nothing before tomorrow, then tomorrow’s until answered, here at once', () => {
    const room = foldLog(log([0, ended]));
    expect(followUpsWaiting(view(room), 0, endedAt + DAY - 1)).toEqual([]);
    const due: FollowUpRef[] = [{ type: 'scheduled', point: 'day1' }];
    expect(followUpsWaiting(view(room), 0, endedAt + DAY)).toEqual(due);
    const answering = view(room, [
      { type: 'follow_up_answer', covers: due, mood: 'okay', note: '' },
    ]);
    expect(followUpsWaiting(answering, 0, endedAt + DAY)).toEqual([]);
  });

  it('asks the partner’s question at once, and says this person’s own is waiting until answered', () => {
    const room = foldLog(log([0, ended], [1, { type: 'follow_up_asked' }]));
    const asked: FollowUpRef[] = [{ type: 'asked', askId: idOf(2) }];
    expect(followUpsWaiting(view(room), 0, endedAt)).toEqual(asked);
    expect(followUpsWaiting(view(room, [], 1), 1, endedAt)).toEqual([]);
    expect(askWaiting(view(room, [], 1), 1)).toBe(true);
    expect(askWaiting(view(room), 0)).toBe(false);
    expect(askWaiting(view(room, [{ type: 'follow_up_asked' }]), 0)).toBe(true);

    const answered = foldLog(
      log(
        [0, ended],
        [1, { type: 'follow_up_asked' }],
        [0, { type: 'follow_up_answer', covers: asked, mood: 'low', note: 'A long day' }],
      ),
    );
    expect(askWaiting(view(answered, [], 1), 1)).toBe(false);
    expect(latestPartnerAnswers(view(answered, [], 1), 1, 3)).toMatchObject([
      { mood: 'low', note: 'A long day', answeredAt: timeOf(3) },
    ]);
    expect(latestPartnerAnswers(view(answered), 0, 3)).toEqual([]);
  });

  it.each<[string, ContentEvent | null, number, number | null]>([
    ['tomorrow, before it', null, 0, DAY],
    ['tomorrow, once past', null, DAY + 1, null],
    [
      'day 3 after tomorrow, when later ones are on',
      { type: 'follow_up_set', first: 'day1', alsoLater: true },
      DAY + 1,
      3 * DAY,
    ],
    ['none when off', { type: 'follow_up_set', first: 'off', alsoLater: true }, 0, null],
    [
      'in a few hours',
      { type: 'follow_up_set', first: 'hours', alsoLater: false },
      0,
      FOLLOW_UP_DELAY_MS.hours,
    ],
  ])('the next follow-up: %s', (_name, setting, after, next) => {
    const room = foldLog(log([0, ended]));
    const shown = view(room, setting === null ? [] : [setting]);
    expect(nextFollowUpAt(shown, endedAt + after)).toBe(next === null ? null : endedAt + next);
  });
});

describe('the reflection', () => {
  const shared: ContentEvent = { type: 'reflection_shared', sealed: SEALED };
  const revealed: ContentEvent = { type: 'reflection_revealed', key: KEY };

  it.each<[string, readonly (readonly [Seat, ContentEvent])[], readonly ContentEvent[], object]>([
    [
      'nothing shared',
      [],
      [],
      { own: { kind: 'not_shared' }, partner: { kind: 'not_shared' }, revealDue: false },
    ],
    [
      'own share on its way',
      [],
      [shared],
      { own: { kind: 'shared', sealed: SEALED, revealed: false }, revealDue: false },
    ],
    [
      'own shared, partner not',
      [[0, shared]],
      [],
      {
        own: { kind: 'shared', revealed: false },
        partner: { kind: 'not_shared' },
        revealDue: false,
      },
    ],
    [
      'own shown now, on its way',
      [[0, shared]],
      [revealed],
      { own: { kind: 'shared', revealed: true }, revealDue: false },
    ],
    [
      'partner shared only',
      [[1, shared]],
      [],
      { own: { kind: 'not_shared' }, partner: { kind: 'locked' } },
    ],
    [
      'partner showed theirs now',
      [
        [1, shared],
        [1, revealed],
      ],
      [],
      { partner: { kind: 'readable', record: { sealed: SEALED, key: KEY } }, revealDue: false },
    ],
    [
      'both shared: this phone reveals',
      [
        [1, shared],
        [0, shared],
      ],
      [],
      { partner: { kind: 'locked' }, revealDue: true },
    ],
    [
      'both shared, own key on its way: not again',
      [
        [1, shared],
        [0, shared],
      ],
      [revealed],
      { revealDue: false },
    ],
    [
      'both shared and revealed',
      [
        [1, shared],
        [0, shared],
        [0, revealed],
        [1, revealed],
      ],
      [],
      { own: { kind: 'shared', revealed: true }, partner: { kind: 'readable' }, revealDue: false },
    ],
  ])('%s', (_name, steps, outbox, expected) => {
    expect(reflectionStage(view(foldLog(log(...steps)), outbox), 0)).toMatchObject(expected);
  });
});
