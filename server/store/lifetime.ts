import { randomBytes } from 'node:crypto';
import type { Ended, EndedReason, Moment, RoomRecord, RoomRef } from './room-store.ts';

/** How long a room may live: idle at most `idleMs`, and in all at most `maxAgeMs`. */
export interface RoomLifetime {
  readonly idleMs: number;
  readonly maxAgeMs: number;
}

/** The moment `now` under `lifetime`: what every store call is judged against. */
export function momentAt(now: number, lifetime: RoomLifetime): Moment {
  return { now, idleBefore: now - lifetime.idleMs, createdBefore: now - lifetime.maxAgeMs };
}

/**
 * Why a room is over at `at`, or null while it lives. The one rule every store applies. The
 * maximum age is named first: a room past it would be over however busy it was.
 */
export function endReason(
  room: Pick<RoomRecord, 'createdAt' | 'lastActiveAt'>,
  at: Moment,
): EndedReason | null {
  if (room.createdAt < at.createdBefore) return 'max_age';
  if (room.lastActiveAt < at.idleBefore) return 'expired';
  return null;
}

/** What deciding a room's end needs of it. */
export type RoomLife = Pick<RoomRecord, 'roomId' | 'incarnation' | 'createdAt' | 'lastActiveAt'>;

/** The `ended` outcome for a room that is over at `at`, or null while it lives. */
export function endedAt(room: RoomLife, at: Moment): Ended | null {
  const reason = endReason(room, at);
  return reason === null ? null : { status: 'ended', room: refOf(room), reason };
}

export const refOf = (room: RoomRef): RoomRef => ({
  roomId: room.roomId,
  incarnation: room.incarnation,
});

/** 16 random bytes, base64url: a room made again under the same id is never mistaken for the old. */
export const newIncarnation = (): string => randomBytes(16).toString('base64url');
