import { openIndexedDbStore } from './indexed-db-store.ts';
import type { KeptLog, LocalStore } from './local-store.ts';
import { MemoryStore } from './local-store.ts';
import type { OutboxEntry } from './outbox.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';

/**
 * The local store on `factory`: IndexedDB if this browser opens it, else memory (some private
 * modes refuse IndexedDB; the room then works, it just does not survive a reload). Usable at once:
 * operations wait for the database to open.
 */
export function openLocalStore(factory: IDBFactory | undefined): LocalStore {
  if (factory === undefined) return new MemoryStore();
  return new OpeningStore(openIndexedDbStore(factory).catch((): LocalStore => new MemoryStore()));
}

let pageStore: LocalStore | null = null;

/** The page's one local store. */
export function browserLocalStore(): LocalStore {
  pageStore ??= openLocalStore(pageIndexedDb());
  return pageStore;
}

function pageIndexedDb(): IDBFactory | undefined {
  try {
    return typeof indexedDB === 'undefined' ? undefined : indexedDB;
  } catch {
    // Reading it can throw where storage is blocked for the page.
    return undefined;
  }
}

/** A store that is still opening: each operation waits for it. */
class OpeningStore implements LocalStore {
  readonly #store: Promise<LocalStore>;

  constructor(store: Promise<LocalStore>) {
    this.#store = store;
  }

  async loadLog(roomId: string): Promise<KeptLog | null> {
    return (await this.#store).loadLog(roomId);
  }

  async appendLog(
    roomId: string,
    incarnation: string,
    envelopes: readonly StoredEnvelope[],
    lastSeq: number,
  ): Promise<boolean> {
    return (await this.#store).appendLog(roomId, incarnation, envelopes, lastSeq);
  }

  async resetLog(roomId: string, incarnation: string): Promise<boolean> {
    return (await this.#store).resetLog(roomId, incarnation);
  }

  async loadOutbox(roomId: string): Promise<OutboxEntry[]> {
    return (await this.#store).loadOutbox(roomId);
  }

  async putOutbox(roomId: string, entries: readonly OutboxEntry[]): Promise<boolean> {
    return (await this.#store).putOutbox(roomId, entries);
  }

  async deleteOutbox(roomId: string, eventIds: readonly string[]): Promise<boolean> {
    return (await this.#store).deleteOutbox(roomId, eventIds);
  }

  async forget(roomId: string): Promise<boolean> {
    return (await this.#store).forget(roomId);
  }
}
