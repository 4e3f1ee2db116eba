import { registerRoomCreator } from '../../../client/src/room/device-record.ts';
import { RoomClient } from '../../../client/src/room/room-client.ts';
import type { RoomSocket } from '../../../client/src/room/room-client.ts';
import type { LocalStore } from '../../../client/src/room/local-store.ts';
import type { KeyValueStorage } from '../../../client/src/room/storage.ts';
import type {
  AppendOutcome,
  AppendRequest,
  ClaimOutcome,
  ClaimRequest,
  Ended,
  KeepOutcome,
  KeepRequest,
  Moment,
  ReadOutcome,
  ReadRequest,
  RoomRecord,
  RoomRef,
  RoomStore,
} from '../../../server/store/room-store.ts';
import type {
  DueWake,
  PushWriteOutcome,
  SetSubscriptionRequest,
  SetWakesRequest,
  VapidKeys,
} from '../../../server/store/push-store.ts';
import type { PushSubscriptionJson } from '../../../shared/push.ts';
import type { Seat } from '../../../shared/ids.ts';
import { SqliteRoomStore } from '../../../server/store/sqlite/sqlite-store.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import { tempDir } from '../../support/temp-sqlite.ts';
import { wholeLog } from '../../support/whole-log.ts';
import { TestBrowser } from '../../support/test-browser.ts';
import type { TempDir } from '../../support/temp-sqlite.ts';

/**
 * The one file where the fault tests meet the server's store and the phone's RoomClient beyond
 * their stable surface (createApp's `store`, and RoomClient's public methods and snapshots): when
 * those change, this file is what changes.
 */

export type { ClosedReason, RoomSocket, RoomView } from '../../../client/src/room/room-client.ts';
export { RoomClient };
export {
  bothOnline,
  isOpen,
  settled,
  until,
} from '../../integration/room-client/support/room-clients.ts';

/**
 * The production store, SQLite, on a file of its own that outlives the servers on it: a server's
 * `close()` closes the database, and `reopen()` (a restart) opens the same file again, so what a
 * phone was acknowledged must have reached the file. It counts every append a server asks for,
 * by event id, so a test can see a retry arrive and be deduplicated.
 */
export class DurableStore implements RoomStore {
  /** Called as a server asks to append, before anything is written (to inject a fault then). */
  onAppend: ((eventId: string) => void) | null = null;
  readonly #dir: TempDir = tempDir('tandem-fault-');
  #inner: SqliteRoomStore = SqliteRoomStore.openIn(this.#dir.dir);
  #closed = false;
  readonly #appendRequests: string[] = [];
  readonly #waiters = new Set<() => void>();

  /** How many times a server asked to append `eventId` (fresh, retried or duplicate). */
  appendsOf(eventId: string): number {
    return this.#appendRequests.filter((requested) => requested === eventId).length;
  }

  /** Resolves once a server has been asked to append `eventId` at least `times` times. */
  untilAppendsOf(eventId: string, times: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.appendsOf(eventId) < times) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Every append asked for, as event ids, in arrival order. */
  get appendRequests(): readonly string[] {
    return this.#appendRequests;
  }

  /** The room's whole log as stored (in its current incarnation). */
  log(roomId: string): Promise<StoredEnvelope[]> {
    return wholeLog(this.#open(), roomId);
  }

  /** Opens the file again after a server closed it: the restarted server's database. */
  reopen(): void {
    if (!this.#closed) return;
    this.#inner = SqliteRoomStore.openIn(this.#dir.dir);
    this.#closed = false;
  }

  /** Closes the store for good and removes its file, at the end of a test. */
  async dispose(): Promise<void> {
    if (!this.#closed) await this.#inner.close();
    this.#closed = true;
    this.#dir.remove();
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    this.#appendRequests.push(request.envelope.eventId);
    this.onAppend?.(request.envelope.eventId);
    for (const waiter of [...this.#waiters]) waiter();
    return this.#open().append(request);
  }

  /** A server closing closes the database, as a process exiting would. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#inner.close();
  }

  claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    return this.#open().claimSeat(request);
  }

  keepRoom(request: KeepRequest): Promise<KeepOutcome> {
    return this.#open().keepRoom(request);
  }

  readAfter(request: ReadRequest): Promise<ReadOutcome> {
    return this.#open().readAfter(request);
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return this.#open().getRoom(roomId);
  }

  countRooms(): Promise<number> {
    return this.#open().countRooms();
  }

  deleteRoom(room: RoomRef): Promise<boolean> {
    return this.#open().deleteRoom(room);
  }

  listEnded(at: Moment, limit: number): Promise<Ended[]> {
    return this.#open().listEnded(at, limit);
  }

  setPushSubscription(request: SetSubscriptionRequest): Promise<PushWriteOutcome> {
    return this.#open().setPushSubscription(request);
  }

  setWakes(request: SetWakesRequest): Promise<PushWriteOutcome> {
    return this.#open().setWakes(request);
  }

  pushTargetOf(room: RoomRef, seat: Seat): Promise<PushSubscriptionJson | null> {
    return this.#open().pushTargetOf(room, seat);
  }

  forgetSubscription(room: RoomRef, seat: Seat, endpoint: string): Promise<boolean> {
    return this.#open().forgetSubscription(room, seat, endpoint);
  }

  takeDueWakes(now: number, limit: number): Promise<DueWake[]> {
    return this.#open().takeDueWakes(now, limit);
  }

  keepVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    return this.#open().keepVapidKeys(candidate);
  }

  #open(): SqliteRoomStore {
    if (this.#closed) throw new Error('the store was used after its server closed');
    return this.#inner;
  }
}

/**
 * One browser (a simulated profile: Web Storage, IndexedDB, Web Locks, BroadcastChannels), kept
 * across reloads of its page. A reload ends the old page: whatever its code still tries to write
 * afterwards is lost, as it would be in a browser, so an old client finishing some work late
 * cannot overwrite what the new page keeps.
 */
export class Browser {
  readonly #profile = new TestBrowser();

  /** A new page of this browser: views of its storage that `close()` cuts off. */
  openPage(): Page {
    return new Page(this.#profile);
  }

  /** Marks this browser as the one that makes the room (before its first page opens it). */
  registerAsCreator(roomId: string): void {
    registerRoomCreator(this.#profile.storage, roomId);
  }
}

export class Page implements KeyValueStorage {
  #open = true;
  readonly local: LocalStore;

  constructor(readonly profile: TestBrowser) {
    this.local = closableLocalStore(profile.openPage(), () => this.#open);
  }

  getItem(key: string): string | null {
    return this.profile.storage.getItem(key);
  }

  setItem(key: string, value: string): void {
    if (this.#open) this.profile.storage.setItem(key, value);
  }

  removeItem(key: string): void {
    if (this.#open) this.profile.storage.removeItem(key);
  }

  close(): void {
    this.#open = false;
  }
}

/** `store`, whose writes are dropped (resolving "not kept") once `open()` says the page is gone. */
function closableLocalStore(store: LocalStore, open: () => boolean): LocalStore {
  const unless =
    <A extends unknown[]>(write: (...args: A) => Promise<boolean>) =>
    (...args: A): Promise<boolean> =>
      open() ? write(...args) : Promise.resolve(false);
  return {
    loadLog: (roomId) => store.loadLog(roomId),
    loadOutbox: (roomId) => store.loadOutbox(roomId),
    appendLog: unless((...args: Parameters<LocalStore['appendLog']>) => store.appendLog(...args)),
    resetLog: unless((roomId: string, incarnation: string) => store.resetLog(roomId, incarnation)),
    putOutbox: unless((...args: Parameters<LocalStore['putOutbox']>) => store.putOutbox(...args)),
    deleteOutbox: unless((...args: Parameters<LocalStore['deleteOutbox']>) =>
      store.deleteOutbox(...args),
    ),
    forget: unless((roomId: string) => store.forget(roomId)),
  };
}

/** A RoomClient on `page`, opening its sockets with `connect`, started. */
export async function startRoomClient(
  secret: string,
  page: Page,
  connect: () => RoomSocket,
): Promise<RoomClient> {
  const client = new RoomClient(secret, {
    storage: page,
    local: page.local,
    tabs: page.profile.tabs,
    connect,
  });
  await client.start();
  return client;
}
