import type { ItemAudience } from './content.ts';
import { seatAudience } from './content.ts';
import { wishItemId } from './default-plan.ts';
import type { Seat } from './ids.ts';
import { SEATS } from './ids.ts';
import { LIMITS } from './limits.ts';
import type { ChecklistItem, RoomState, SharedWishes } from './room-state.ts';
import { WISH_CATALOGUE, ownWishKey } from './wishes.ts';

/**
 * The aftercare plan: what the checklist holds once the session ends. It is built from every
 * plan's defaults and both partners' shared wishes, each item marked for whom it is; the same
 * wish from both is one item for both.
 */

type Wishes = RoomState['wishes'];

const audienceOf = (wishers: readonly Seat[]): ItemAudience =>
  wishers.length === 1 && wishers[0] !== undefined ? seatAudience(wishers[0]) : 'both';

const seatsWhere = (wishes: Wishes, test: (shared: SharedWishes) => boolean): Seat[] =>
  SEATS.filter((seat) => {
    const shared = wishes[seat];
    return shared !== null && test(shared);
  });

const unticked = (item: Omit<ChecklistItem, 'checked' | 'checkedBy'>): ChecklistItem => ({
  ...item,
  checked: false,
  checkedBy: null,
});

/**
 * The plan with `wishes` folded in. Called when the session ends and again whenever a partner
 * shares after that (a share made offline may arrive late): items are added and an item's
 * audience follows who wishes for it now (a default nobody wishes for any more is for both
 * again), but nothing is removed and no tick is lost.
 */
export function planWithWishes(
  checklist: readonly ChecklistItem[],
  wishes: Wishes,
): readonly ChecklistItem[] {
  const items = [...checklist];
  /**
   * Adds `item` if it is new. One already in the plan keeps its words and ticks; when `follows`
   * (who wishes for it now decides whom it is for) it takes `item`'s audience and source.
   */
  const put = (item: ChecklistItem, follows: boolean) => {
    const index = items.findIndex((existing) => existing.id === item.id);
    const existing = items[index];
    if (existing === undefined) {
      if (items.length < LIMITS.maxChecklistItems) items.push(item);
    } else if (
      follows &&
      (existing.audience !== item.audience || existing.source !== item.source)
    ) {
      items[index] = { ...existing, audience: item.audience, source: item.source };
    }
  };

  for (const { id, group, inDefaultPlan } of WISH_CATALOGUE) {
    const wishers = seatsWhere(wishes, (shared) => shared.wishes.includes(id));
    if (wishers.length === 0 && !inDefaultPlan) continue;
    const item = unticked({
      id: wishItemId(id),
      what: { type: 'wish', wish: id },
      group,
      source: wishers.length > 0 ? 'wish' : 'default',
      audience: audienceOf(wishers),
      addedBy: null,
    });
    // A wish nobody has any more stays as it was (nothing is removed); a default is for both.
    put(item, wishers.length > 0 || inDefaultPlan);
  }

  // A person's own words, seat 0's first; the same words from both are one item, worded as the
  // plan already has them, or else as seat 0 wrote them.
  const ownItems = new Map<string, { label: string; wishers: Seat[] }>();
  for (const seat of SEATS) {
    for (const label of wishes[seat]?.own ?? []) {
      const key = ownWishKey(label);
      const known = ownItems.get(key);
      if (known === undefined) ownItems.set(key, { label, wishers: [seat] });
      else if (!known.wishers.includes(seat)) known.wishers.push(seat);
    }
  }
  for (const { label, wishers } of ownItems.values()) {
    const key = ownWishKey(label);
    const existing = items.find(
      (item) =>
        item.source === 'wish' && item.what.type === 'words' && ownWishKey(item.what.label) === key,
    );
    put(
      unticked({
        id: existing?.id ?? ownItemId(items),
        what: { type: 'words', label },
        group: 'other',
        source: 'wish',
        audience: audienceOf(wishers),
        addedBy: null,
      }),
      true,
    );
  }
  return items;
}

/** The next free id for an own wish: `own-1`, `own-2`, … in the order they join the plan. */
function ownItemId(items: readonly ChecklistItem[]): string {
  const taken = new Set(items.map((item) => item.id));
  let n = 1;
  while (taken.has(`own-${String(n)}`)) n += 1;
  return `own-${String(n)}`;
}

// ---- Selectors ----

export interface PlanProgress {
  readonly done: number;
  readonly total: number;
}

export const planProgress = (state: RoomState): PlanProgress => ({
  done: state.checklist.filter((item) => item.checked).length,
  total: state.checklist.length,
});

/** The seats that asked for space afterwards, as last shared: the plan says so at the top. */
export const spaceAskedBy = (state: RoomState): Seat[] =>
  seatsWhere(state.wishes, (shared) => shared.afterwards === 'space');
