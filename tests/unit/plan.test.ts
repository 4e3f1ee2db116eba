import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '../../shared/default-plan.ts';
import { LIMITS } from '../../shared/limits.ts';
import { planProgress, spaceAskedBy } from '../../shared/plan.ts';
import { foldLog, initialRoomState } from '../../shared/reducer.ts';
import type { ChecklistItem, RoomState } from '../../shared/reducer.ts';
import { itemText } from '../support/item-text.ts';
import { shareWishes } from './support/arc-logs.ts';
import { added, checked, deepFreeze, ended, log, started } from './support/logs.ts';

deepFreeze(initialRoomState);

/** An item as the tables name it: id, words (a wish by its id), for whom, where from. */
const row = (item: ChecklistItem) => [item.id, itemText(item), item.audience, item.source];
const rows = (state: RoomState) => state.checklist.map(row);
const defaults = DEFAULT_PLAN.map(row);
const defaultsWith = (id: string, audience: string, source: string) =>
  defaults.map((r) => (r[0] === id ? [r[0], r[1], audience, source] : r));
const item = (state: RoomState, id: string) => state.checklist.find((i) => i.id === id);

describe('the plan at the end of the session', () => {
  it.each([
    {
      name: 'nobody shared: the defaults, for both',
      log: log([0, started], [1, ended]),
      plan: defaults,
    },
    {
      name: 'a wish only one partner has is theirs',
      log: log([0, shareWishes(['shower'])], [1, ended]),
      plan: [...defaults, ['wish-shower', 'shower', 'seat0', 'wish']],
    },
    {
      name: 'the same wish from both is one item for both',
      log: log([0, shareWishes(['shower'])], [1, shareWishes(['shower', 'alone'])], [0, ended]),
      plan: [
        ...defaults,
        ['wish-shower', 'shower', 'both', 'wish'],
        ['wish-alone', 'alone', 'seat1', 'wish'],
      ],
    },
    {
      name: 'new wish items follow the catalogue order, whoever wished them first',
      log: log(
        [1, shareWishes(['message_later', 'hold_hands'])],
        [0, shareWishes(['shower'])],
        [0, ended],
      ),
      plan: [
        ...defaults,
        ['wish-shower', 'shower', 'seat0', 'wish'],
        ['wish-hold_hands', 'hold_hands', 'seat1', 'wish'],
        ['wish-message_later', 'message_later', 'seat1', 'wish'],
      ],
    },
    {
      name: 'a default item one partner wished for is marked theirs',
      log: log([1, shareWishes(['water'])], [1, ended]),
      plan: defaultsWith('wish-water', 'seat1', 'wish'),
    },
    {
      name: 'a default item both wished for is for both, from their wishes',
      log: log([1, shareWishes(['water'])], [0, shareWishes(['water'])], [1, ended]),
      plan: defaultsWith('wish-water', 'both', 'wish'),
    },
    {
      name: "a person's own words are items of theirs, in the order shared",
      log: log(
        [1, shareWishes([], ['Music', 'A walk'])],
        [0, shareWishes([], ['Tea'])],
        [1, ended],
      ),
      plan: [
        ...defaults,
        ['own-1', 'Tea', 'seat0', 'wish'],
        ['own-2', 'Music', 'seat1', 'wish'],
        ['own-3', 'A walk', 'seat1', 'wish'],
      ],
    },
    {
      name: 'own words equal but for case and spaces are one item for both, worded as seat 0 did',
      log: log(
        [1, shareWishes([], ['a  walk'])],
        [0, shareWishes([], ['A Walk', 'Tea'])],
        [1, ended],
      ),
      plan: [...defaults, ['own-1', 'A Walk', 'both', 'wish'], ['own-2', 'Tea', 'seat0', 'wish']],
    },
    {
      name: 'two own words of one person equal but for spaces are one item of theirs',
      log: log([0, shareWishes([], ['A walk', 'a  walk'])], [0, ended]),
      plan: [...defaults, ['own-1', 'A walk', 'seat0', 'wish']],
    },
    {
      name: 'the later share replaces the earlier for that seat',
      log: log(
        [0, shareWishes(['shower', 'water'], ['Tea'])],
        [1, shareWishes(['alone'])],
        [0, shareWishes(['alone'], ['Music'])],
        [1, ended],
      ),
      plan: [
        ...defaults,
        ['wish-alone', 'alone', 'both', 'wish'],
        ['own-1', 'Music', 'seat0', 'wish'],
      ],
    },
    {
      name: 'a share that takes everything back leaves the defaults',
      log: log([0, shareWishes(['shower'], ['Tea'])], [0, shareWishes([])], [0, ended]),
      plan: defaults,
    },
  ])('$name', ({ log: entries, plan }) => {
    const state = foldLog(entries);
    expect(rows(state)).toEqual(plan);
    expect(
      state.checklist.every((i) => !i.checked && i.checkedBy === null && i.addedBy === null),
    ).toBe(true);
  });

  it('wishes shared before the end do not touch the checklist until it ends', () => {
    const before = foldLog(
      log([0, started], [0, shareWishes(['shower'], ['Tea'])], [1, shareWishes(['water'])]),
    );
    expect(before.checklist).toEqual(DEFAULT_PLAN);
    expect(before.wishes[0]).toMatchObject({ wishes: ['shower'], own: ['Tea'] });
  });

  it('keeps ticks and items added before the end, and groups wishes by the catalogue', () => {
    const state = foldLog(
      log(
        [1, checked('wish-water')],
        [0, added('tea-1', 'Tea')],
        [0, shareWishes(['shower', 'hug'], ['Book'])],
        [1, ended],
      ),
    );
    expect(item(state, 'wish-water')).toMatchObject({ checked: true, checkedBy: 1 });
    expect(item(state, 'tea-1')).toMatchObject({ source: 'added', addedBy: 0, group: 'other' });
    expect(item(state, 'wish-shower')).toMatchObject({ group: 'body', checked: false });
    expect(item(state, 'wish-hug')).toMatchObject({
      group: 'closeness',
      audience: 'seat0',
      source: 'wish',
    });
    expect(item(state, 'own-1')).toMatchObject({
      group: 'other',
      what: { type: 'words', label: 'Book' },
    });
  });

  it(`never grows past ${String(LIMITS.maxChecklistItems)} items: wishes that do not fit are left out`, () => {
    const room = LIMITS.maxChecklistItems - DEFAULT_PLAN.length - 1;
    const adds = Array.from({ length: room }, (_, i) => [0, added(`x-${String(i)}`)] as const);
    const state = foldLog(log(...adds, [0, shareWishes(['shower', 'alone'], ['Tea'])], [1, ended]));
    expect(state.checklist).toHaveLength(LIMITS.maxChecklistItems);
    expect(state.checklist.at(-1)?.id).toBe('wish-shower');
    const later = foldLog(log([1, shareWishes(['stay_close'], ['Music'])]), state);
    expect(later.checklist).toEqual(state.checklist);
  });
});

describe('an add that takes the id of a wish item', () => {
  it('is ignored, so the wish keeps its item when the plan is built', () => {
    const state = foldLog(
      log([0, added('wish-shower', 'Juice', 'seat0')], [1, shareWishes(['shower'])], [1, ended]),
    );
    expect(item(state, 'wish-shower')).toMatchObject({
      what: { type: 'wish', wish: 'shower' },
      audience: 'seat1',
      source: 'wish',
      addedBy: null,
    });
    expect(state.checklist.filter((i) => i.id === 'wish-shower')).toHaveLength(1);
  });

  it('is ignored after the end too, whether or not the wish is in the plan', () => {
    const atEnd = foldLog(log([0, ended]));
    expect(foldLog(log([0, ended], [1, added('wish-alone', 'Juice')]))).toEqual({
      ...atEnd,
      lastSeq: 2,
    });
  });
});

describe('planProgress', () => {
  it.each([
    { name: 'nothing ticked', log: log([0, ended]), done: 0, total: DEFAULT_PLAN.length },
    {
      name: 'ticks count once per item, unticks take them back',
      log: log(
        [0, shareWishes(['shower'])],
        [0, ended],
        [0, checked('wish-water')],
        [1, checked('wish-water')],
        [1, checked('wish-shower')],
        [0, checked('wish-rest')],
        [1, checked('wish-rest', false)],
      ),
      done: 2,
      total: DEFAULT_PLAN.length + 1,
    },
    {
      name: 'an added item counts',
      log: log([0, ended], [1, added('tea')], [0, checked('tea')]),
      done: 1,
      total: DEFAULT_PLAN.length + 1,
    },
  ])('$name: $done of $total', ({ log: entries, done, total }) => {
    expect(planProgress(foldLog(entries))).toEqual({ done, total });
  });
});

describe('spaceAskedBy', () => {
  it.each([
    { name: 'nobody shared', log: log(), seats: [] },
    {
      name: 'company and either are not space',
      log: log([0, shareWishes([], [], 'company')], [1, shareWishes([], [], 'either')]),
      seats: [],
    },
    { name: 'one asked for space', log: log([1, shareWishes([], [], 'space')]), seats: [1] },
    {
      name: 'both asked for space',
      log: log([1, shareWishes([], [], 'space')], [0, shareWishes([], [], 'space')]),
      seats: [0, 1],
    },
    {
      name: 'as last shared: space taken back',
      log: log([0, shareWishes([], [], 'space')], [0, shareWishes([], [], null)]),
      seats: [],
    },
    {
      name: 'after the end too',
      log: log([0, ended], [0, shareWishes([], [], 'space')]),
      seats: [0],
    },
  ])('$name: $seats', ({ log: entries, seats }) => {
    expect(spaceAskedBy(foldLog(entries))).toEqual(seats);
  });
});
