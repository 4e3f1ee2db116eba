import { afterEach } from 'vitest';
import { io } from 'socket.io-client';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { createApp } from '../../../../server/app.ts';
import type { TandemApp } from '../../../../server/app.ts';
import { MemoryRoomStore } from '../../../../server/store/memory-store.ts';
import type {
  AppendOutcome,
  ClaimOutcome,
  ClaimRequest,
  RoomRecord,
  RoomStore,
} from '../../../../server/store/room-store.ts';
import { RoomClient } from '../../../../client/src/room/room-client.ts';
import type { RoomSocket, RoomView } from '../../../../client/src/room/room-client.ts';
import type { Seat } from '../../../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../../../shared/protocol.ts';
import { MemoryStorage } from '../../../unit/client/support/memory-storage.ts';

/**
 * The memory store with a hook after each append, so a test can act at the exact moment an event
 * is stored but not yet acknowledged (and not yet pushed).
 */
export class HookedStore implements RoomStore {
  readonly inner = new MemoryRoomStore();
  afterAppend: ((envelope: StoredEnvelope) => void) | null = null;

  claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    return this.inner.claimSeat(request);
  }

  async append(
    roomId: string,
    seat: Seat,
    envelope: OutgoingEnvelope,
    now: number,
  ): Promise<AppendOutcome> {
    const outcome = await this.inner.append(roomId, seat, envelope, now);
    if (outcome.status === 'appended') this.afterAppend?.(outcome.envelope);
    return outcome;
  }

  readAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    return this.inner.readAfter(roomId, afterSeq, limit);
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return this.inner.getRoom(roomId);
  }

  deleteRoom(roomId: string): Promise<boolean> {
    return this.inner.deleteRoom(roomId);
  }

  purgeIdleSince(cutoff: number): Promise<string[]> {
    return this.inner.purgeIdleSince(cutoff);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** The whole stored log of a room. */
  log(roomId: string): Promise<StoredEnvelope[]> {
    return this.inner.readAfter(roomId, 0, Number.MAX_SAFE_INTEGER);
  }
}

export interface TestServer {
  readonly app: TandemApp;
  readonly store: HookedStore;
  readonly url: string;
}

/** One phone: a real RoomClient, its browser storage, and every socket it has opened. */
export interface Phone {
  readonly client: RoomClient;
  readonly storage: MemoryStorage;
  readonly sockets: RoomSocket[];
  /** The socket the client is using now. */
  readonly socket: RoomSocket;
}

/**
 * Owns every server and phone a test makes, and closes them after each test. Call once at the
 * top level of a test file.
 */
export function useRoomClients() {
  const servers: TestServer[] = [];
  const clients: RoomClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await Promise.all(servers.splice(0).map((server) => server.app.close()));
  });

  return {
    async server(): Promise<TestServer> {
      const store = new HookedStore();
      const app = createApp({ store }, { staticDir: null, roomTtlMs: 72 * 60 * 60 * 1000 });
      const address = await app.listen(0, '127.0.0.1');
      const server = { app, store, url: `http://127.0.0.1:${String(address.port)}` };
      servers.push(server);
      return server;
    },

    /** Opens the room on a phone with `storage` (a fresh browser unless given). */
    async phone(
      server: TestServer,
      secret: string,
      storage: MemoryStorage = new MemoryStorage(),
    ): Promise<Phone> {
      const phone = await openPhone(() => server.url, secret, storage);
      clients.push(phone.client);
      return phone;
    },
  };
}

/**
 * Resolves with the first view (the current one included) that satisfies `predicate`. Rejects if
 * the room closes first, since a closed room never changes again.
 */
export function until(
  client: RoomClient,
  predicate: (view: RoomView) => boolean,
  what = 'a view',
): Promise<RoomView> {
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    const check = (): boolean => {
      const view = client.getSnapshot();
      if (predicate(view)) {
        unsubscribe?.();
        resolve(view);
        return true;
      }
      if (view.status.kind === 'closed') {
        unsubscribe?.();
        reject(new Error(`room closed (${view.status.reason}) while waiting for ${what}`));
        return true;
      }
      return false;
    };
    if (check()) return;
    unsubscribe = client.subscribe(() => {
      check();
    });
  });
}

/** Like `until`, for a closed status, which is the one thing `until` refuses to wait through. */
export function untilClosed(client: RoomClient): Promise<RoomView> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const view = client.getSnapshot();
      if (view.status.kind !== 'closed') return false;
      resolve(view);
      return true;
    };
    if (check()) return;
    const unsubscribe = client.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}

export const isOpen = (view: RoomView): boolean => view.status.kind === 'open' && view.connected;

export const bothOnline = (view: RoomView): boolean =>
  isOpen(view) &&
  view.presence !== null &&
  view.presence.seats.every((seat) => seat.taken && seat.online);

/** Nothing queued, and every signal in the log has its delivery receipt: no more sends follow. */
export const settled = (view: RoomView): boolean =>
  isOpen(view) &&
  view.outbox.length === 0 &&
  view.room.signals.every((signal) => signal.deliveredAt !== null);

/**
 * A phone: the real RoomClient with its own storage, whose sockets go to `url()` as it is at each
 * connect (so a test can move it to a restarted server), reconnecting quickly.
 */
export async function openPhone(
  url: () => string,
  secret: string,
  storage: MemoryStorage,
  socketOptions: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Phone> {
  const sockets: RoomSocket[] = [];
  const connect = (): RoomSocket => {
    const socket: RoomSocket = io(url(), {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      ...socketOptions,
    });
    sockets.push(socket);
    return socket;
  };
  const client = new RoomClient(secret, { storage, connect });
  await client.start();
  return {
    client,
    storage,
    sockets,
    get socket() {
      const socket = sockets.at(-1);
      if (socket === undefined) throw new Error('this phone has not connected');
      return socket;
    },
  };
}

/** Both phones quiet (nothing queued, every receipt in) and folded up to the same point. */
export async function bothSettled(a: Phone, b: Phone): Promise<[RoomView, RoomView]> {
  for (;;) {
    const [va, vb] = await Promise.all([
      until(a.client, settled, 'A settled'),
      until(b.client, settled, 'B settled'),
    ]);
    if (va.room.lastSeq === vb.room.lastSeq) return [va, vb];
    const target = Math.max(va.room.lastSeq, vb.room.lastSeq);
    await Promise.all([
      until(a.client, (v) => v.room.lastSeq >= target, `A at seq ${String(target)}`),
      until(b.client, (v) => v.room.lastSeq >= target, `B at seq ${String(target)}`),
    ]);
  }
}
