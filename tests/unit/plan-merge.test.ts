import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContentEvent } from '../../shared/content.ts';
import { seatAudience } from '../../shared/content.ts';
import { DEFAULT_PLAN } from '../../shared/default-plan.ts';
import type { Seat } from '../../shared/ids.ts';
import { foldLog, initialRoomState, reduceRoom } from '../../shared/reducer.ts';
import type { ChecklistItem, LogEntry, RoomState } from '../../shared/reducer.ts';
import { WISH_CATALOGUE, inCatalogueOrder, ownWishKey } from '../../shared/wishes.ts';
import type { Afterwards, WishId } from '../../shared/wishes.ts';
import { itemText } from '../support/item-text.ts';
import { arbAfterwards, arbOwnWishes, arbWishIds } from './support/arb-arc-events.ts';
import { LOG_OWN_WORDS } from './support/arb-arc-log.ts';
import {
  arbLog,
  arbRedeliveries,
  arbSeat,
  splitAt,
  withRedeliveries,
} from './support/arbitraries.ts';
import { shareWishes } from './support/arc-logs.ts';
import { added, checked, ended, log } from './support/logs.ts';

const item = (state: RoomState, id: string) => state.checklist.find((i) => i.id === id);
const row = (i: ChecklistItem | undefined) =>
  i && [itemText(i), i.audience, i.source, i.checked, i.checkedBy];

describe('a share after the end', () => {
  const atEnd = log(
    [0, shareWishes(['shower', 'alone', 'water'], ['Tea', 'A walk'])],
    [1, ended],
    [1, checked('wish-shower')],
    [0, checked('own-1')],
    [1, checked('wish-water')],
  );
  const after = (...steps: [Seat, ContentEvent][]) =>
    foldLog(log(...atEnd.map((e) => [e.seat, e.event] as [Seat, ContentEvent]), ...steps));

  it('adds what is new, unticked, after what the plan holds', () => {
    const before = after();
    const state = after([1, shareWishes(['hold_hands'], ['Music'])]);
    expect(state.checklist.slice(0, before.checklist.length)).toEqual(before.checklist);
    expect(state.checklist.slice(before.checklist.length).map(row)).toEqual([
      ['hold_hands', 'seat1', 'wish', false, null],
      ['Music', 'seat1', 'wish', false, null],
    ]);
  });

  it('removes nothing and unticks nothing when wishes are taken back', () => {
    const before = after();
    const state = after([0, shareWishes([], [], 'space')]);
    expect(state.checklist.map((i) => i.id)).toEqual(before.checklist.map((i) => i.id));
    expect(row(item(state, 'wish-shower'))).toEqual(['shower', 'seat0', 'wish', true, 1]);
    expect(row(item(state, 'own-1'))).toEqual(['Tea', 'seat0', 'wish', true, 0]);
    // A default nobody wishes for any more is for both again; its tick stays.
    expect(row(item(state, 'wish-water'))).toEqual(['water', 'both', 'default', true, 1]);
  });

  it('moves an item to both when the partner wishes for it too, keeping its tick', () => {
    const state = after([1, shareWishes(['shower'], ['a  WALK'])]);
    expect(row(item(state, 'wish-shower'))).toEqual(['shower', 'both', 'wish', true, 1]);
    expect(row(item(state, 'own-2'))).toEqual(['A walk', 'both', 'wish', false, null]);
    expect(state.checklist.filter((i) => i.what.type === 'words')).toHaveLength(2);
  });

  it('gives new own words the next id no item has', () => {
    const state = after([1, added('own-3', 'Juice')], [1, shareWishes([], ['Music'])]);
    expect(row(item(state, 'own-3'))).toEqual(['Juice', 'both', 'added', false, null]);
    expect(row(item(state, 'own-4'))).toEqual(['Music', 'seat1', 'wish', false, null]);
  });
});

// ---- Properties ----

const arbChoice = fc.record({
  wishes: arbWishIds,
  own: arbOwnWishes(fc.constantFrom(...LOG_OWN_WORDS, 'Book', 'MUSIC')),
  afterwards: arbAfterwards,
});
interface Choice {
  readonly wishes: readonly WishId[];
  readonly own: readonly string[];
  readonly afterwards: Afterwards | null;
}
const share = (choice: Choice) => shareWishes(choice.wishes, choice.own, choice.afterwards);

describe('wishes from both merge into one plan', () => {
  it('one item per wish: for both if both wished it, else for the one who did; defaults stay', () => {
    fc.assert(
      fc.property(arbChoice, arbChoice, arbSeat, (zero, one, ender) => {
        const state = foldLog(log([0, share(zero)], [1, share(one)], [ender, ended]));
        const ids = state.checklist.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const { id, inDefaultPlan } of WISH_CATALOGUE) {
          const wishers = ([0, 1] as const).filter((seat) =>
            [zero, one][seat]?.wishes.includes(id),
          );
          const items = state.checklist.filter((i) => i.what.type === 'wish' && i.what.wish === id);
          if (wishers.length === 0 && !inDefaultPlan) {
            expect(items).toEqual([]);
            continue;
          }
          expect(items).toHaveLength(1);
          expect(items[0]?.audience).toBe(
            wishers.length === 1 && wishers[0] !== undefined ? seatAudience(wishers[0]) : 'both',
          );
          expect(items[0]?.source).toBe(wishers.length > 0 ? 'wish' : 'default');
        }
        const words = state.checklist.filter((i) => i.what.type === 'words');
        const keys = new Set([...zero.own, ...one.own].map(ownWishKey));
        expect(words.map((i) => ownWishKey(itemText(i))).sort()).toEqual([...keys].sort());
        for (const i of words) {
          const key = ownWishKey(itemText(i));
          const mine = zero.own.some((l) => ownWishKey(l) === key);
          const theirs = one.own.some((l) => ownWishKey(l) === key);
          expect(i.audience).toBe(mine && theirs ? 'both' : mine ? 'seat0' : 'seat1');
        }
      }),
    );
  });

  it('is the same plan whichever partner shared first', () => {
    fc.assert(
      fc.property(arbChoice, arbChoice, (zero, one) => {
        const a = foldLog(log([0, share(zero)], [1, share(one)], [0, ended]));
        const b = foldLog(log([1, share(one)], [0, share(zero)], [0, ended]));
        expect(b.checklist).toEqual(a.checklist);
      }),
    );
  });

  it('a later share replaces the earlier one for that seat', () => {
    fc.assert(
      fc.property(arbChoice, arbChoice, arbChoice, arbSeat, (earlier, later, partner, seat) => {
        const other: Seat = seat === 0 ? 1 : 0;
        const twice = foldLog(
          log([seat, share(earlier)], [other, share(partner)], [seat, share(later)], [0, ended]),
        );
        const once = foldLog(log([other, share(partner)], [seat, share(later)], [0, ended]));
        expect(twice.checklist).toEqual(once.checklist);
        expect(twice.wishes[seat]).toMatchObject({
          wishes: inCatalogueOrder(later.wishes),
          own: later.own,
          afterwards: later.afterwards,
        });
      }),
    );
  });
});

describe('once the session ended, nothing leaves the plan', () => {
  it('every later entry keeps every item, its words, group and tick state or a later tick', () => {
    fc.assert(
      fc.property(arbLog(50), (entries) => {
        let state = initialRoomState;
        for (const entry of entries) {
          const before = state;
          state = reduceRoom(before, entry);
          if (before.session.status !== 'ended') continue;
          expect(state.checklist.slice(0, before.checklist.length).map((i) => i.id)).toEqual(
            before.checklist.map((i) => i.id),
          );
          before.checklist.forEach((old, index) => {
            const now = state.checklist[index];
            expect(now && [now.what, now.group, now.addedBy]).toEqual([
              old.what,
              old.group,
              old.addedBy,
            ]);
            if (entry.event.type !== 'checklist_item_checked') {
              expect(now && [now.checked, now.checkedBy]).toEqual([old.checked, old.checkedBy]);
            }
          });
          for (const fresh of state.checklist.slice(before.checklist.length)) {
            expect([fresh.checked, fresh.checkedBy]).toEqual([false, null]);
          }
        }
      }),
    );
  });
});

// ---- Ticks from both phones ----

/** Interleaves two phones' taps as the server might order them. */
function interleave<T>(a: readonly T[], b: readonly T[], picks: readonly boolean[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; i < a.length || j < b.length; k += 1) {
    const takeA = j >= b.length || (i < a.length && (picks[k % Math.max(1, picks.length)] ?? true));
    if (takeA) out.push(a[i++] as T);
    else out.push(b[j++] as T);
  }
  return out;
}

describe('concurrent ticks and unticks of one item from both phones', () => {
  const plan = log([0, shareWishes(['shower'], ['Tea'])], [1, shareWishes(['shower'])], [0, ended]);
  const planIds = foldLog(plan).checklist.map((i) => i.id);

  it('converge on both phones, and the last tick in log order wins', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...planIds),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        arbRedeliveries,
        (itemId, fromZero, fromOne, picks, cuts, redeliveries) => {
          const taps = interleave(
            fromZero.map((value) => [0, checked(itemId, value)] as [Seat, ContentEvent]),
            fromOne.map((value) => [1, checked(itemId, value)] as [Seat, ContentEvent]),
            picks,
          );
          const entries: LogEntry[] = log(
            ...plan.map((e) => [e.seat, e.event] as [Seat, ContentEvent]),
            ...taps,
          );
          const phoneA = foldLog(entries);
          let phoneB = initialRoomState;
          for (const batch of splitAt(withRedeliveries(entries, redeliveries), cuts))
            phoneB = foldLog(batch, phoneB);
          expect(phoneB).toEqual(phoneA);

          const [lastSeat, lastTap] = taps.at(-1) ?? [0, checked(itemId)];
          const value = lastTap.type === 'checklist_item_checked' && lastTap.checked;
          expect(item(phoneA, itemId)).toMatchObject({
            checked: value,
            checkedBy: value ? lastSeat : null,
          });
          // Nothing else moved.
          const others = (s: RoomState) => s.checklist.filter((i) => i.id !== itemId);
          expect(others(phoneA)).toEqual(others(foldLog(plan)));
        },
      ),
    );
  });

  it('the defaults are tickable before the end, and the ticks survive the plan being built', () => {
    const state = foldLog(log([0, checked('wish-rest')], [1, shareWishes(['rest'])], [1, ended]));
    expect(row(item(state, 'wish-rest'))).toEqual(['rest', 'seat1', 'wish', true, 0]);
    expect(state.checklist).toHaveLength(DEFAULT_PLAN.length);
  });
});
