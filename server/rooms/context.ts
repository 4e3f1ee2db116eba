import type { Logger } from '../log.ts';
import type { PushNotifier } from '../push/push-notifier.ts';
import type { TandemServer, TandemSocket } from '../socket/types.ts';
import type { Moment, RoomStore } from '../store/room-store.ts';

/** What the server's room logic shares across connections. */
export interface RoomServices {
  readonly io: TandemServer;
  readonly store: RoomStore;
  readonly log: Logger;
  /** Now, and which rooms count as over now (store/lifetime.ts). */
  readonly moment: () => Moment;
  /** Web Push, or null when this server sends none (PUSH=off). */
  readonly push: PushNotifier | null;
}

/** Everything a request handler may touch, for one connection. */
export interface RoomContext extends RoomServices {
  readonly socket: TandemSocket;
}
