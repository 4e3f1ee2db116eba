import { registerRoomCreator } from '../../../client/src/room/device-record.ts';
import { RoomClient } from '../../../client/src/room/room-client.ts';
import type { RoomSocket } from '../../../client/src/room/room-client.ts';
import type { KeyValueStorage } from '../../../client/src/room/storage.ts';
import { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import type {
  AppendOutcome,
  ClaimOutcome,
  ClaimRequest,
  RoomRecord,
  RoomStore,
} from '../../../server/store/room-store.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../../shared/protocol.ts';
import { MemoryStorage } from '../../support/memory-storage.ts';

/**
 * The one file where the fault tests meet the server's store and the phone's RoomClient beyond
 * their stable surface (createApp's `store`, and RoomClient's public methods and snapshots). The
 * store and the client's persistence are being reworked (SQLite, IndexedDB): when they change,
 * this file is what changes.
 */

export type { ClosedReason, RoomSocket, RoomView } from '../../../client/src/room/room-client.ts';
export { RoomClient };
export { bothOnline, isOpen, until } from '../../integration/room-client/support/room-clients.ts';

/**
 * A store that outlives the servers on it, as a database does: a server's `close()` leaves it
 * open, so a new server on the same object is the old one restarted. It counts every append a
 * server asks for, by event id, so a test can see a retry arrive and be deduplicated.
 */
export class DurableStore implements RoomStore {
  /** Called as a server asks to append, before anything is written (to inject a fault then). */
  onAppend: ((eventId: string) => void) | null = null;
  readonly #inner = new MemoryRoomStore();
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

  /** The room's whole log as stored. */
  log(roomId: string): Promise<StoredEnvelope[]> {
    return this.#inner.readAfter(roomId, 0, Number.MAX_SAFE_INTEGER);
  }

  /** Closes the store for good, at the end of a test. */
  dispose(): Promise<void> {
    return this.#inner.close();
  }

  append(
    roomId: string,
    seat: Seat,
    envelope: OutgoingEnvelope,
    now: number,
  ): Promise<AppendOutcome> {
    this.#appendRequests.push(envelope.eventId);
    this.onAppend?.(envelope.eventId);
    for (const waiter of [...this.#waiters]) waiter();
    return this.#inner.append(roomId, seat, envelope, now);
  }

  /** A server closing does not close the store: the next server opens the same rooms. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    return this.#inner.claimSeat(request);
  }

  readAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    return this.#inner.readAfter(roomId, afterSeq, limit);
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return this.#inner.getRoom(roomId);
  }

  deleteRoom(roomId: string): Promise<boolean> {
    return this.#inner.deleteRoom(roomId);
  }

  purgeIdleSince(cutoff: number): Promise<string[]> {
    return this.#inner.purgeIdleSince(cutoff);
  }
}

/**
 * One browser's storage, kept across reloads of its page. A reload ends the old page: whatever
 * its code still tries to write afterwards is lost, as it would be in a browser, so an old client
 * finishing some work late cannot overwrite what the new page keeps.
 */
export class Browser {
  readonly #storage = new MemoryStorage();

  /** A new page of this browser: a view of its storage that `close()` cuts off. */
  openPage(): Page {
    return new Page(this.#storage);
  }

  /** Marks this browser as the one that makes the room (before its first page opens it). */
  registerAsCreator(roomId: string): void {
    registerRoomCreator(this.#storage, roomId);
  }
}

export class Page implements KeyValueStorage {
  #open = true;

  constructor(private readonly storage: MemoryStorage) {}

  getItem(key: string): string | null {
    return this.storage.getItem(key);
  }

  setItem(key: string, value: string): void {
    if (this.#open) this.storage.setItem(key, value);
  }

  removeItem(key: string): void {
    if (this.#open) this.storage.removeItem(key);
  }

  close(): void {
    this.#open = false;
  }
}

/** A RoomClient on `page`, opening its sockets with `connect`, started. */
export async function startRoomClient(
  secret: string,
  page: Page,
  connect: () => RoomSocket,
): Promise<RoomClient> {
  const client = new RoomClient(secret, { storage: page, connect });
  await client.start();
  return client;
}
