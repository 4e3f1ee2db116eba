/**
 * Where the Redis store keeps things, under a prefix (REDIS_PREFIX) so that several deployments,
 * or tests, can share one Redis without touching each other's keys.
 *
 * A room's three keys carry its id as a hash tag (`{roomId}`), so Redis Cluster would put them in
 * one slot and a script may touch them together. The two indexes span every room: they are the
 * sweep's view (which rooms are over) and the room count.
 */
export interface RoomKeys {
  /** Hash: incarnation, times, last sequence number, seats, join verifier (record.ts). */
  readonly room: string;
  /** List: the envelopes in order; sequence number n is at index n - 1. */
  readonly log: string;
  /** Hash: event id → sequence number, for deduplication. */
  readonly eventIds: string;
}

export interface IndexKeys {
  /** Sorted set: room id scored by the time its incarnation was made (maximum age). */
  readonly byCreation: string;
  /** Sorted set: room id scored by max(last activity, kept until): idle expiry. */
  readonly byIdleFrom: string;
  /** Sorted set: every seat's wake times (push-scripts.ts), scored by the time. */
  readonly wakes: string;
}

export function roomKeys(prefix: string, roomId: string): RoomKeys {
  const tag = `{${roomId}}`;
  return {
    room: `${prefix}room:${tag}`,
    log: `${prefix}log:${tag}`,
    eventIds: `${prefix}ids:${tag}`,
  };
}

export function indexKeys(prefix: string): IndexKeys {
  return {
    byCreation: `${prefix}rooms-by-creation`,
    byIdleFrom: `${prefix}rooms-by-idle-from`,
    wakes: `${prefix}push-wakes`,
  };
}

/** The room's keys, in the order the scripts take them (scripts.ts). */
export const roomKeyList = (keys: RoomKeys): [string, string, string] => [
  keys.room,
  keys.log,
  keys.eventIds,
];
