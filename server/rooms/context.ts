import type { Logger } from '../log.ts';
import type { TandemServer, TandemSocket } from '../socket/types.ts';
import type { RoomStore } from '../store/room-store.ts';

/** Everything a request handler may touch, for one connection. */
export interface RoomContext {
  readonly io: TandemServer;
  readonly socket: TandemSocket;
  readonly store: RoomStore;
  readonly log: Logger;
  readonly now: () => number;
  /** Rooms idle for longer than this are gone. */
  readonly roomTtlMs: number;
}
