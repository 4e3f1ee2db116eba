import { IDBFactory } from 'fake-indexeddb';
import { DATABASE_NAME, OBJECT_STORES } from '../../client/src/room/indexed-db-store.ts';
import type { LocalStore } from '../../client/src/room/local-store.ts';
import { openLocalStore } from '../../client/src/room/open-local-store.ts';
import type { TabCoordination } from '../../client/src/room/tabs.ts';
import { tabCoordination } from '../../client/src/room/tabs.ts';
import { randomBase64url } from '../../shared/crypto/base64url.ts';
import { FakeLockManager } from './fake-locks.ts';
import { MemoryStorage } from './memory-storage.ts';

/**
 * One simulated browser profile: its Web Storage, its IndexedDB (fake-indexeddb, one factory per
 * profile, so two browsers share nothing), its Web Locks and its BroadcastChannels (Node's, under
 * a name only this profile uses). Each page of it, a reload or another tab, opens its own
 * connection to the same database, as a browser's pages do.
 */
export class TestBrowser {
  readonly storage = new MemoryStorage();
  readonly indexedDb = new IDBFactory();
  readonly locks = new FakeLockManager();
  /** Prefixed to every channel name, so two simulated browsers never hear each other. */
  readonly channelPrefix = `browser-${randomBase64url(8)}.`;

  /** How a page of this browser coordinates with its other pages. */
  readonly tabs: TabCoordination = tabCoordination({
    locks: this.locks,
    openChannel: (name) => new BroadcastChannel(this.channelPrefix + name),
  });

  /** What one page of this browser uses as its local store. */
  openPage(): LocalStore {
    return openLocalStore(this.indexedDb);
  }

  /**
   * What this browser still holds of a room: Web Storage keys naming the room or holding its id
   * or secret, and IndexedDB records of the room (`store:key`) or holding its secret.
   */
  async holdsAnythingOf(secret: string, roomId: string): Promise<string[]> {
    const inStorage = [...this.storage.items]
      .filter(
        ([key, value]) => key.includes(roomId) || value.includes(roomId) || value.includes(secret),
      )
      .map(([key]) => key);
    const records = await this.#records();
    const inIndexedDb = records
      .filter(({ record }) => {
        const text = JSON.stringify(record);
        return text.includes(roomId) || text.includes(secret);
      })
      .map(({ store, key }) => `${store}:${JSON.stringify(key)}`);
    return [...inStorage, ...inIndexedDb];
  }

  /** Every record in the app's database, with its object store and key. */
  async #records(): Promise<{ store: string; key: unknown; record: unknown }[]> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.indexedDb.open(DATABASE_NAME);
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('cannot open'));
      };
    });
    try {
      const present = OBJECT_STORES.filter((name) => db.objectStoreNames.contains(name));
      if (present.length === 0) return [];
      const transaction = db.transaction([...present], 'readonly');
      const reads = present.map((store) => {
        const objectStore = transaction.objectStore(store);
        return { store, keys: objectStore.getAllKeys(), values: objectStore.getAll() };
      });
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => {
          resolve();
        };
        transaction.onerror = () => {
          reject(transaction.error ?? new Error('read failed'));
        };
      });
      return reads.flatMap(({ store, keys, values }) =>
        keys.result.map((key, i) => ({ store, key, record: values.result[i] as unknown })),
      );
    } finally {
      db.close();
    }
  }
}
