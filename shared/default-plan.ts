import type { ChecklistItem } from './room-state.ts';
import { WISH_CATALOGUE } from './wishes.ts';

/**
 * The items every aftercare plan holds, for both partners, before anyone's wishes are folded in.
 * Apart from plan.ts so the initial state needs nothing of the plan's logic.
 */
export const DEFAULT_PLAN: readonly ChecklistItem[] = WISH_CATALOGUE.filter(
  (wish) => wish.inDefaultPlan,
).map(({ id, group }) => ({
  id: `wish-${id}`,
  what: { type: 'wish', wish: id },
  group,
  source: 'default',
  audience: 'both',
  addedBy: null,
  checked: false,
  checkedBy: null,
}));
