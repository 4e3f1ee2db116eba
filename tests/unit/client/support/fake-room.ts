import { registerRoomCreator } from '../../../../client/src/room/device-record.ts';
import type { LocalStore } from '../../../../client/src/room/local-store.ts';
import { RoomClient } from '../../../../client/src/room/room-client.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import type { RoomKeys } from '../../../../shared/crypto/codec.ts';
import { deriveRoomKeys, newRoomSecret, sealEvent } from '../../../../shared/crypto/codec.ts';
import type { Seat } from '../../../../shared/ids.ts';
import type { Presence, RequestOf, StoredEnvelope } from '../../../../shared/protocol.ts';
import { newEventId } from '../../../support/ids.ts';
import type { MemoryStorage } from '../../../support/memory-storage.ts';
import { TestBrowser } from '../../../support/test-browser.ts';
import type { EmittedRequest, FakeSocket } from '../../../support/test-socket-pair.ts';
import { TestSocketPair } from '../../../support/test-socket-pair.ts';

/**
 * A real RoomClient (real crypto, real replica, real outbox) whose socket is a TestSocketPair: the
 * test plays the server and orders every delivery itself.
 */
export interface FakePhone {
  readonly client: RoomClient;
  readonly pair: TestSocketPair;
  readonly secret: string;
  readonly keys: RoomKeys;
  readonly browser: TestBrowser;
  readonly storage: MemoryStorage;
  /** This page's local store (IndexedDB, fake-indexeddb). */
  readonly local: LocalStore;
}

export interface FakePhoneOptions {
  /** The browser the page opens in: a given one is a reload (or another tab) of it. */
  readonly browser?: TestBrowser;
  readonly secret?: string;
  /** Done while the room opens (its keys being derived, no session yet). */
  readonly whileOpening?: (client: RoomClient) => void;
}

const opened: RoomClient[] = [];

/** Stops every phone fakePhone() opened (their tab channels too). Call it after each test. */
export function stopFakePhones(): void {
  for (const client of opened.splice(0)) client.stop();
}

export async function fakePhone(options: FakePhoneOptions = {}): Promise<FakePhone> {
  const secret = options.secret ?? newRoomSecret();
  const keys = await deriveRoomKeys(secret);
  const browser = options.browser ?? new TestBrowser();
  if (options.browser === undefined) registerRoomCreator(browser.storage, keys.roomId);
  const local = browser.openPage();
  const pair = new TestSocketPair();
  const client = new RoomClient(secret, {
    storage: browser.storage,
    local,
    tabs: browser.tabs,
    connect: pair.connect,
  });
  opened.push(client);
  const started = client.start();
  options.whileOpening?.(client);
  await started;
  return { client, pair, secret, keys, browser, storage: browser.storage, local };
}

export const BOTH_ONLINE: Presence = {
  seats: [
    { taken: true, online: true, push: false },
    { taken: true, online: true, push: false },
  ],
};

export interface JoinAnswer {
  readonly seat?: Seat;
  readonly incarnation?: string;
  /** The server's last seq; by default the last of `envelopes` (0 without any). */
  readonly lastSeq?: number;
  readonly envelopes?: StoredEnvelope[];
  readonly complete?: boolean;
}

/** Opens the socket and answers its join with the seat and replay given. Returns the join. */
export async function acceptJoin(
  socket: FakeSocket,
  answer: JoinAnswer = {},
): Promise<EmittedRequest<'room:join'>> {
  if (!socket.connected) socket.open();
  const join = await socket.next('room:join');
  join.answer({
    ok: true,
    seat: answer.seat ?? 0,
    incarnation: answer.incarnation ?? 'first',
    lastSeq: answer.lastSeq ?? Math.max(0, ...(answer.envelopes ?? []).map((e) => e.seq)),
    presence: BOTH_ONLINE,
    envelopes: answer.envelopes ?? [],
    complete: answer.complete ?? true,
    pushKey: null,
  });
  return join;
}

/** The envelope the server stores (and pushes) for a send. */
export const storedFrom = (
  send: RequestOf<'envelope:send'>,
  seq: number,
  seat: Seat = 0,
): StoredEnvelope => ({ ...send, seq, seat, storedAt: 1_700_000_000_000 + seq });

/** An envelope the partner (or anyone at `seat`) said, sealed with the room's keys. */
export async function sealedEnvelope(
  keys: RoomKeys,
  seq: number,
  event: ContentEvent,
  seat: Seat = 1,
): Promise<StoredEnvelope> {
  const eventId = newEventId();
  const ciphertext = await sealEvent(keys, { roomId: keys.roomId, eventId, seat }, event);
  return {
    seq,
    eventId,
    seat,
    ciphertext,
    notify: event.type === 'signal',
    storedAt: 1_700_000_000_000 + seq,
  };
}
