import type { ItemAudience } from './content.ts';
import { seatAudience } from './content.ts';
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
 * audience follows who wishes for it now, but nothing is removed and no tick is lost.
 */
export function planWithWishes(
  checklist: readonly ChecklistItem[],
  wishes: Wishes,
): readonly ChecklistItem[] {
  const items = [...checklist];
  const put = (item: ChecklistItem, wished: boolean) => {
    const index = items.findIndex((existing) => existing.id === item.id);
    const existing = items[index];
    if (existing === undefined) {
      if (items.length < LIMITS.maxChecklistItems) items.push(item);
    } else if (wished && existing.audience !== item.audience) {
      items[index] = { ...existing, audience: item.audience, source: item.source };
    }
  };

  for (const { id, group, inDefaultPlan } of WISH_CATALOGUE) {
    const wishers = seatsWhere(wishes, (shared) => shared.wishes.includes(id));
    if (wishers.length === 0 && !inDefaultPlan) continue;
    const item = unticked({
      id: `wish-${id}`,
      what: { type: 'wish', wish: id },
      group,
      source: wishers.length > 0 ? 'wish' : 'default',
      audience: audienceOf(wishers),
      addedBy: null,
    });
    put(item, wishers.length > 0);
  }

  // A person's own words, in the order first shared; the same words from both are one item.
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
