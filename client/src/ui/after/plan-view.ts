import type { Seat } from '../../../../shared/ids.ts';
import type { PlanProgress } from '../../../../shared/plan.ts';
import { spaceAskedBy } from '../../../../shared/plan.ts';
import type { ChecklistItem, RoomState } from '../../../../shared/room-state.ts';
import { WISH_GROUPS } from '../../../../shared/wishes.ts';
import type { RoomView } from '../../room/room-client.ts';
import { displayedChecked } from '../view-model.ts';

/** What the plan shows, from the log and this phone's outbox (a tick shows at once). */

export type PlanGroupName = ChecklistItem['group'];

/** The order the plan shows its groups in: the catalogue's, then a person's own words. */
export const PLAN_GROUP_ORDER: readonly PlanGroupName[] = [...WISH_GROUPS, 'other'];

export interface PlanGroup {
  readonly group: PlanGroupName;
  readonly items: readonly ChecklistItem[];
}

/** The plan's items by group, in PLAN_GROUP_ORDER, keeping the plan's order within each; no empty group. */
export function planGroups(checklist: readonly ChecklistItem[]): PlanGroup[] {
  return PLAN_GROUP_ORDER.map((group) => ({
    group,
    items: checklist.filter((item) => item.group === group),
  })).filter(({ items }) => items.length > 0);
}

/** Done and total, counting this phone's ticks still on their way as it shows them. */
export function displayedProgress(view: RoomView): PlanProgress {
  const { checklist } = view.room;
  return {
    done: checklist.filter((item) => displayedChecked(view, item)).length,
    total: checklist.length,
  };
}

/** Who asked for space afterwards, as this person reads it; null when nobody did. */
export type SpaceAsk = 'you' | 'partner' | 'both';

export function spaceAsk(state: RoomState, seat: Seat): SpaceAsk | null {
  const seats = spaceAskedBy(state);
  if (seats.length === 2) return 'both';
  if (seats.length === 0) return null;
  return seats[0] === seat ? 'you' : 'partner';
}

const MINUTE_MS = 60_000;

/**
 * Whole minutes of aftercare: since the end (the server's time in the log) by this phone's clock.
 * Never negative, should the phone's clock run behind the server's.
 */
export const aftercareMinutes = (endedAt: number, now: number): number =>
  Math.max(0, Math.floor((now - endedAt) / MINUTE_MS));
