import type { Redis } from 'ioredis';
import type { RoomRef } from '../store/room-store.ts';

/**
 * Where a room's presence turns come from (see Presence.turn and rooms/presence.ts): one rising
 * sequence per room incarnation, whichever process announces. A phone keeps, per connection, the
 * presence with the highest turn, so turns must rise across every process that can push to it.
 */
export interface PresenceTurns {
  /** The room's next turn: higher than every turn handed out for it before. */
  next(room: RoomRef): Promise<number>;
}

/** One process: a counter in memory (a phone's connection never outlives its process). */
export function memoryTurns(): PresenceTurns {
  let last = 0;
  return {
    next: () => Promise.resolve(++last),
  };
}

/**
 * Several processes: an INCR per room incarnation in Redis, under `prefix`. The key's expiry is
 * set again at every turn to a room's maximum age, so it cannot lapse (and restart from 1, below
 * the turns phones hold) while its room lives; a room's key outlives the room by at most that.
 */
export function redisTurns(client: Redis, prefix: string, roomMaxAgeMs: number): PresenceTurns {
  return {
    async next(room) {
      const key = `${prefix}presence-turn:${room.roomId}/${room.incarnation}`;
      const replies = await client.multi().incr(key).pexpire(key, roomMaxAgeMs).exec();
      const [error, turn] = replies?.[0] ?? [new Error('no reply to INCR'), null];
      if (error !== null) throw error;
      if (typeof turn !== 'number') throw new Error('INCR answered something other than a number');
      return turn;
    },
  };
}
