import type { Seat } from '../../shared/ids.ts';
import { SEATS } from '../../shared/ids.ts';
import { timingSafeEqual } from 'node:crypto';
import type { SeatCredential } from './room-store.ts';

/**
 * The seat rules, shared by every store so they cannot drift apart: a known member returns to its
 * seat if its secret matches; a new member takes the lowest free seat; otherwise the room is full.
 */
export type SeatDecision =
  | { readonly kind: 'returning'; readonly seat: Seat }
  | { readonly kind: 'take'; readonly seat: Seat }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'full' };

/**
 * Whether a device that joined `knownIncarnation` before is looking at another room: the room
 * under the id is another incarnation, or there is none (`found` undefined). Such a device gets
 * `room_not_found`, and nothing is claimed or made for it.
 */
export const isAnotherRoom = (knownIncarnation: string | null, found: string | undefined) =>
  knownIncarnation !== null && found !== knownIncarnation;

export function decideSeat(
  seats: readonly [SeatCredential | null, SeatCredential | null],
  credential: SeatCredential,
): SeatDecision {
  for (const seat of SEATS) {
    const holder = seats[seat];
    if (holder?.memberId === credential.memberId) {
      return hashesMatch(holder.secretHash, credential.secretHash)
        ? { kind: 'returning', seat }
        : { kind: 'unauthorized' };
    }
  }
  const free = SEATS.find((seat) => seats[seat] === null);
  return free === undefined ? { kind: 'full' } : { kind: 'take', seat: free };
}

function hashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
