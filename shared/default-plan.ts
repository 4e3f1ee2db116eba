import type { ChecklistItem } from './room-state.ts';
import { WISH_CATALOGUE, WISH_IDS } from './wishes.ts';
import type { WishId } from './wishes.ts';

/** The id a catalogue wish has in every plan, the same on both phones. */
export const wishItemId = (wish: WishId): string => `wish-${wish}`;

const WISH_ITEM_IDS: ReadonlySet<string> = new Set(WISH_IDS.map(wishItemId));

/**
 * Whether `itemId` is the id a catalogue wish takes in the plan. Those ids are the plan's own: an
 * item added by hand under one would stand in the place of that wish when the plan is built.
 */
export const isWishItemId = (itemId: string): boolean => WISH_ITEM_IDS.has(itemId);

/**
 * The items every aftercare plan holds, for both partners, before anyone's wishes are folded in.
 * Apart from plan.ts so the initial state needs nothing of the plan's logic.
 */
export const DEFAULT_PLAN: readonly ChecklistItem[] = WISH_CATALOGUE.filter(
  (wish) => wish.inDefaultPlan,
).map(({ id, group }) => ({
  id: wishItemId(id),
  what: { type: 'wish', wish: id },
  group,
  source: 'default',
  audience: 'both',
  addedBy: null,
  checked: false,
  checkedBy: null,
}));
