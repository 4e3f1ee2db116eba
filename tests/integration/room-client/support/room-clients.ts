import { expect } from 'vitest';
import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { registerRoomCreator } from '../../../../client/src/room/device-record.ts';
import { RoomClient } from '../../../../client/src/room/room-client.ts';
import type { RoomView } from '../../../../client/src/room/room-client.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import { deriveRoomKeys, newRoomSecret, sealEvent } from '../../../../shared/crypto/codec.ts';
import type { RoomKeys } from '../../../../shared/crypto/codec.ts';
import type { Seat } from '../../../../shared/ids.ts';
import type { ClientToServerEvents, UntrustedServerEvents } from '../../../../shared/protocol.ts';
import { newEventId } from '../../../support/ids.ts';
import type { MemoryStorage } from '../../../support/memory-storage.ts';
import { TestBrowser } from '../../../support/test-browser.ts';
import { until } from '../../../support/until-view.ts';
import type { PhoneOptions, Rig, RigServer, Target } from './restartable.ts';

/** A real socket.io socket as the phone opens it (the client sees only its RoomSocket slice). */
export type PhoneSocket = Socket<UntrustedServerEvents, ClientToServerEvents>;

/** One phone: a real RoomClient, its browser, and every socket it has opened. */
export interface Phone {
  readonly client: RoomClient;
  readonly browser: TestBrowser;
  /** The browser's Web Storage. */
  readonly storage: MemoryStorage;
  readonly sockets: PhoneSocket[];
  /** The socket the client is using now. */
  readonly socket: PhoneSocket;
  /** The event id of every `envelope:send` this phone emitted, retries included, in order. */
  readonly sent: string[];
}

export interface Pair {
  readonly secret: string;
  readonly keys: RoomKeys;
  readonly a: Phone;
  readonly b: Phone;
}

/** A starts a room (its browser registered as the creator), then B opens the invite. */
export async function openPair(
  rig: Rig,
  target: Target,
  options: PhoneOptions = {},
): Promise<Pair> {
  const secret = newRoomSecret();
  const keys = await deriveRoomKeys(secret);
  const browserA = new TestBrowser();
  registerRoomCreator(browserA.storage, keys.roomId);
  const a = await rig.phone(target, secret, { ...options, browser: browserA });
  await until(a.client, isOpen, 'A open');
  const b = await rig.phone(target, secret, options);
  await Promise.all([
    until(a.client, bothOnline, 'A sees both online'),
    until(b.client, bothOnline, 'B sees both online'),
  ]);
  return { secret, keys, a, b };
}

/** A new server with a pair on it. */
export async function serverWithPair(rig: Rig): Promise<Pair & { server: RigServer }> {
  const server = await rig.server();
  return { server, ...(await openPair(rig, server)) };
}

export { until, untilClosed } from '../../../support/until-view.ts';

export const view = (phone: Phone): RoomView => phone.client.getSnapshot();

export function only<T>(items: readonly T[], what: string): T {
  const [item, ...rest] = items;
  if (item === undefined || rest.length > 0) {
    throw new Error(`expected exactly one ${what}, got ${String(items.length)}`);
  }
  return item;
}

/** Event ids in the server's log of the room, in log order: only `seat`'s entries if given. */
export async function loggedIds(server: RigServer, roomId: string, seat?: Seat): Promise<string[]> {
  const log = await server.store.log(roomId);
  return log
    .filter((envelope) => seat === undefined || envelope.seat === seat)
    .map((envelope) => envelope.eventId);
}

export const countOf = (items: readonly string[], item: string): number =>
  items.filter((candidate) => candidate === item).length;

/**
 * Seals `event` as `sealedAs` and writes it straight into the store as `seat`'s entry: stored,
 * never pushed, as if said long ago. Sealed as another seat than it is stored under, it cannot open.
 */
export async function storeDirectly(
  server: RigServer,
  keys: RoomKeys,
  event: ContentEvent,
  seat: Seat = 0,
  sealedAs: Seat = seat,
): Promise<void> {
  const eventId = newEventId();
  const ciphertext = await sealEvent(keys, { roomId: keys.roomId, eventId, seat: sealedAs }, event);
  const outcome = await server.store.appendDirectly(
    keys.roomId,
    seat,
    { eventId, ciphertext, notify: false },
    server.clock.now(),
  );
  expect(outcome.status).toBe('appended');
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
 * A phone: the real RoomClient on a page of `browser`, whose sockets go to `url()` as it is at each
 * connect (so a test can move it to a restarted server), reconnecting quickly.
 */
export async function openPhone(
  url: () => string,
  secret: string,
  browser: TestBrowser,
  socketOptions: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Phone> {
  const sockets: PhoneSocket[] = [];
  const sent: string[] = [];
  const connect = (): PhoneSocket => {
    const socket: PhoneSocket = io(url(), {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      ...socketOptions,
    });
    socket.onAnyOutgoing((event: string, payload: unknown) => {
      if (event === 'envelope:send' && typeof payload === 'object' && payload !== null) {
        sent.push(String((payload as { eventId?: unknown }).eventId));
      }
    });
    sockets.push(socket);
    return socket;
  };
  const client = new RoomClient(secret, {
    storage: browser.storage,
    local: browser.openPage(),
    tabs: browser.tabs,
    connect,
  });
  await client.start();
  return {
    client,
    browser,
    storage: browser.storage,
    sockets,
    sent,
    get socket() {
      const socket = sockets.at(-1);
      if (socket === undefined) throw new Error('this phone has not connected');
      return socket;
    },
  };
}

/** Both phones quiet (nothing queued, every receipt in) and folded up to the same point. */
export const bothSettled = (a: Phone, b: Phone): Promise<[RoomView, RoomView]> =>
  allSettled([a, b] as const);

/** Every phone quiet (nothing queued, every receipt in) and folded up to the same point. */
export async function allSettled<T extends readonly Phone[]>(
  phones: T,
): Promise<{ -readonly [K in keyof T]: RoomView }> {
  for (;;) {
    const views = await Promise.all(
      phones.map((phone, i) => until(phone.client, settled, `phone ${String(i)} settled`)),
    );
    const seqs = views.map((v) => v.room.lastSeq);
    const target = Math.max(...seqs);
    // One view per phone, in order: what the mapped type says.
    if (seqs.every((seq) => seq === target)) return views as { -readonly [K in keyof T]: RoomView };
    await Promise.all(
      phones.map((phone, i) =>
        until(
          phone.client,
          (v) => v.room.lastSeq >= target,
          `phone ${String(i)} at ${String(target)}`,
        ),
      ),
    );
  }
}
