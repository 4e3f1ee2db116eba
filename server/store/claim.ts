import type { Seat } from '../../shared/ids.ts';
import { SEATS } from '../../shared/ids.ts';
import { timingSafeEqual } from 'node:crypto';
import type { JoinAccess, SeatCredential, UnauthorizedReason } from './room-store.ts';

/**
 * The seat rules, shared by every store so they cannot drift apart. A join must prove it holds
 * the room secret (join-proof.ts): without a valid proof nobody takes a seat, and the proof is
 * checked before anything about the seats is told, so a device that knows only the room id
 * learns nothing but `unauthorized`. With it, a known member returns to its seat if its secret
 * matches; a new member takes the lowest free seat; otherwise the room is full.
 *
 * A room made before join proofs has no verifier: no proof can be valid for it, so no new device
 * can ever join it, while its two devices still return with their member secrets (the honest
 * choice: the server cannot learn its verifier without trusting whoever first sends one).
 */
export type SeatDecision =
  | { readonly kind: 'returning'; readonly seat: Seat }
  | { readonly kind: 'take'; readonly seat: Seat }
  | { readonly kind: 'unauthorized'; readonly reason: UnauthorizedReason }
  | { readonly kind: 'full' };

/** What the rules need of a room. */
export interface ClaimedRoom {
  readonly seats: readonly [SeatCredential | null, SeatCredential | null];
  readonly joinVerifier: string | null;
}

/**
 * Whether a device that joined `knownIncarnation` before is looking at another room: the room
 * under the id is another incarnation, or there is none (`found` undefined). Such a device gets
 * `room_not_found`, and nothing is claimed or made for it.
 */
export const isAnotherRoom = (knownIncarnation: string | null, found: string | undefined) =>
  knownIncarnation !== null && found !== knownIncarnation;

/** The verifier to make a room with, or null when the claim did not prove it holds its key. */
export function verifierToCreateWith(access: JoinAccess): string | null {
  const { newVerifier, provenVerifier } = access;
  if (newVerifier === null || provenVerifier === null) return null;
  return sameSecret(newVerifier, provenVerifier) ? newVerifier : null;
}

export function decideSeat(
  room: ClaimedRoom,
  credential: SeatCredential,
  access: JoinAccess,
): SeatDecision {
  const proven =
    room.joinVerifier !== null &&
    access.provenVerifier !== null &&
    sameSecret(room.joinVerifier, access.provenVerifier);
  // Rooms from before join proofs: only their own members, by member secret alone.
  const legacy = room.joinVerifier === null;
  const held = SEATS.find((seat) => room.seats[seat]?.memberId === credential.memberId);
  if (!proven && !(legacy && held !== undefined)) {
    return { kind: 'unauthorized', reason: 'join_proof' };
  }
  if (held !== undefined) {
    const holder = room.seats[held];
    return holder !== null && sameSecret(holder.secretHash, credential.secretHash)
      ? { kind: 'returning', seat: held }
      : { kind: 'unauthorized', reason: 'seat_secret' };
  }
  const free = SEATS.find((seat) => room.seats[seat] === null);
  return free === undefined ? { kind: 'full' } : { kind: 'take', seat: free };
}

/**
 * Constant time for equal lengths, so how long a comparison takes tells nothing about how much of
 * a guess was right. Member secrets are compared as their SHA-256 hashes (always 64 hex
 * characters), so the lengths are always equal and nothing leaks through them either.
 */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
