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
 * Why a room is over at `at`, or null while it lives. The one rule every store applies (SQLite's
 * sweep query mirrors it). The maximum age is named first: a room past it would be over however
 * busy, or however long its phones asked to keep it. Otherwise a room is idle from its last
 * activity or from the time its phones asked to keep it until, whichever is later: a kept room
 * lives until `keepUntil` plus the idle time, then expires as any other.
 */
export function endReason(
  room: Pick<RoomRecord, 'createdAt' | 'lastActiveAt' | 'keepUntil'>,
  at: Moment,
): EndedReason | null {
  if (room.createdAt < at.createdBefore) return 'max_age';
  if (Math.max(room.lastActiveAt, room.keepUntil) < at.idleBefore) return 'expired';
  return null;
}

/**
 * What a room made at `createdAt` is kept until when its phones ask for `until` at `at`: that, but
 * never past the room's maximum age (the moment carries it: `now - createdBefore`), after which
 * the room ends whatever was asked.
 */
export function keepUntilAt(createdAt: number, until: number, at: Moment): number {
  return Math.min(until, createdAt + (at.now - at.createdBefore));
}

/** What deciding a room's end needs of it. */
export type RoomLife = Pick<
  RoomRecord,
  'roomId' | 'incarnation' | 'createdAt' | 'lastActiveAt' | 'keepUntil'
>;

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
