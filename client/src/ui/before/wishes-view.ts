import type { Seat } from '../../../../shared/ids.ts';
import type { WishGroup, WishId } from '../../../../shared/wishes.ts';
import { WISH_CATALOGUE, WISH_GROUPS } from '../../../../shared/wishes.ts';
import type { RoomView, WishChoice } from '../../room/room-client.ts';
import { EMPTY_CHOICE, sameChoice } from './wish-choice.ts';

/**
 * What the wishes editor shows, from the log (what the partner can see), the outbox (what this
 * phone has shared but the log does not hold yet) and the person's draft on this phone.
 */

/** This seat's wishes as it last shared them, even before the log has them; null if never. */
export function lastSharedChoice(view: RoomView, seat: Seat): WishChoice | null {
  const queued = view.outbox.findLast(({ event }) => event.type === 'wishes_shared');
  if (queued?.event.type === 'wishes_shared') {
    const { wishes, own, afterwards } = queued.event;
    return { wishes, own, afterwards };
  }
  const logged = view.room.wishes[seat];
  if (logged === null) return null;
  return { wishes: logged.wishes, own: logged.own, afterwards: logged.afterwards };
}

/**
 * Where the editor starts on this phone: what this seat already shared, else what the person
 * asked this phone to remember, else nothing. The remembered choice is only a start: it reaches
 * the partner when, and if, they share.
 */
export const startingChoice = (
  view: RoomView,
  seat: Seat,
  remembered: WishChoice | null,
): WishChoice => lastSharedChoice(view, seat) ?? remembered ?? EMPTY_CHOICE;

export type ShareStatus = 'notShared' | 'sharing' | 'shared' | 'changed';

/** How the editor's choice stands against what the partner has (or is about to have). */
export function shareStatus(view: RoomView, seat: Seat, draft: WishChoice): ShareStatus {
  const shared = lastSharedChoice(view, seat);
  if (shared === null) return 'notShared';
  if (!sameChoice(draft, shared)) return 'changed';
  const inOutbox = view.outbox.some(({ event }) => event.type === 'wishes_shared');
  return inOutbox ? 'sharing' : 'shared';
}

/** Catalogue wishes under their groups, in catalogue order; groups with none left out. */
export function wishesByGroup(
  wishes: readonly WishId[],
): { readonly group: WishGroup; readonly wishes: readonly WishId[] }[] {
  const chosen = new Set(wishes);
  return WISH_GROUPS.map((group) => ({
    group,
    wishes: WISH_CATALOGUE.filter((wish) => wish.group === group && chosen.has(wish.id)).map(
      (wish) => wish.id,
    ),
  })).filter((entry) => entry.wishes.length > 0);
}
