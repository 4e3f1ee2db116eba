import type { Logger } from '../log.ts';
import { announceLocalRooms, usePresenceTurns } from '../rooms/presence.ts';
import type { TandemServer } from '../socket/types.ts';
import type { RoomStore } from '../store/room-store.ts';
import { watchLinks } from './link-watch.ts';
import { watchRoster } from './process-roster.ts';
import type { ScaleOut } from './scale-out.ts';

export interface AttachedScaleOut {
  /** Redis is reachable over every link: requests may run. */
  readonly available: () => boolean;
  stop(): void;
}

/**
 * Wires a server to its peers on Redis (the adapter itself is given to socket.io at creation):
 *
 * - Presence turns come from Redis, one rising sequence per room across processes.
 * - When another process leaves the roster (it died without a word), every room this process
 *   has a phone in gets its presence announced again, so the partner of a phone that was on the
 *   dead process is told it is offline, unless that phone is already back through another one.
 * - When Redis is lost, every connection of this process is closed at once. Broadcasts go
 *   through Redis Pub/Sub, which keeps nothing for a subscriber that is away: an `envelope`
 *   pushed during the outage (or while this process subscribes again) may never reach the phone,
 *   which would only notice the gap at the next one. A phone whose connection closed joins again
 *   and is replayed everything after the last sequence number it holds (R7), so nothing missed
 *   stays missed. Until every link is back and has answered, each request is answered
 *   `storage_unavailable` (retryable; the phone shows "Reconnecting…" as its joins fail).
 */
export function attachScaleOut(
  io: TandemServer,
  store: RoomStore,
  scale: ScaleOut,
  log: Logger,
): AttachedScaleOut {
  usePresenceTurns(io, scale.turns);
  const links = watchLinks(scale.links, {
    lost: (role) => {
      const connections = io.of('/').sockets.size;
      log.error('redis unreachable: closing connections until it is back', { role, connections });
      io.local.disconnectSockets(true);
    },
    restored: () => {
      log.info('redis reachable again');
    },
  });
  const stopRoster = watchRoster(scale.roster, scale.rosterIntervalMs, (left) => {
    if (!links.available()) return;
    void announceLocalRooms(io, store).then(({ rooms, failed }) => {
      log.info('process gone: presence announced again', { processes: left.length, rooms, failed });
    });
  });
  return {
    available: links.available,
    stop: () => {
      stopRoster();
      links.stop();
    },
  };
}
