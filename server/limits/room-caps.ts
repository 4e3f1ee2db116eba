import { ErrorCode } from '../../shared/errors.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import type { TandemSocket } from '../socket/types.ts';
import type { RoomStore } from '../store/room-store.ts';
import type { EdgeLimiters } from './limiters.ts';
import { take } from './limiters.ts';

/** The answer to "may this join make a room?", asked only of joins that ask to create one. */
export type CreationTicket =
  /** Refused: answered with this code; nothing was claimed or made. */
  | { readonly status: 'refused'; readonly code: ErrorCode }
  /**
   * Go on; `settle` is told whether a room was made in the end, so a join that only took a seat
   * in an existing room does not use up its address's quota.
   */
  | { readonly status: 'go'; readonly settle: (made: boolean) => void };

export interface RoomCaps {
  beforeCreate(address: string, roomId: string): Promise<CreationTicket>;
  /** Whether one more event fits in the room's log. */
  roomForEvent(roomId: string): Promise<boolean>;
}

const GO_FREELY: CreationTicket = { status: 'go', settle: () => undefined };

/** Limits off: every room may be made and every log grows. */
export const NO_ROOM_CAPS: RoomCaps = {
  beforeCreate: () => Promise.resolve(GO_FREELY),
  roomForEvent: () => Promise.resolve(true),
};

/**
 * The caps on rooms: per address per minute, per process, and events per room. The caps are
 * read before the store's atomic step rather than inside it, so two requests racing at the edge
 * may pass one beyond a cap (a log may hold one event more, per seat); the rate of creations
 * itself is counted exactly, by the limiter.
 */
export function roomCaps(store: RoomStore, limiters: EdgeLimiters): RoomCaps {
  const { numbers } = limiters;
  return {
    async beforeCreate(address, roomId) {
      // A room already under the id is joined, not made: the creating phone sends `create` until
      // its first join is answered, and its retries must not count as rooms.
      if ((await store.getRoom(roomId)) !== null) return GO_FREELY;
      if ((await store.countRooms()) >= numbers.roomsPerProcess) {
        return { status: 'refused', code: ErrorCode.tooManyRooms };
      }
      if (!(await take(limiters.roomCreations, address))) {
        return { status: 'refused', code: ErrorCode.rateLimited };
      }
      return {
        status: 'go',
        settle: (made) => {
          if (!made) void limiters.roomCreations.reward(address, 1).catch(() => undefined);
        },
      };
    },
    async roomForEvent(roomId) {
      const room = await store.getRoom(roomId);
      return room === null || room.lastSeq < numbers.eventsPerRoom;
    },
  };
}

/**
 * A send that would grow a full log is answered `room_log_full` before the store is asked. A
 * connection without a seat goes on to the handler, which answers `not_joined`.
 */
export const capEvents =
  (
    send: RequestHandler<'envelope:send'>,
    socket: TandemSocket,
    caps: RoomCaps,
  ): RequestHandler<'envelope:send'> =>
  async (envelope) => {
    const member = socket.data.member;
    if (member !== null && !(await caps.roomForEvent(member.room.roomId))) {
      return failure(ErrorCode.roomLogFull);
    }
    return send(envelope);
  };
