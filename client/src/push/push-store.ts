import * as z from 'zod/mini';
import { PUSH, openAppDatabase } from '../room/database.ts';
import { completion, resultOf } from '../room/idb.ts';

/**
 * The words a notification may say, rendered by the page in the person's language when they turn
 * notifications on (and again when the language changes): the service worker has no i18n store,
 * so it reads them from here. All are neutral but the `named_*` ones, used only when the person
 * chose "Show the signal's name". Keys as in ui/text/notification-words.ts.
 */
export const NotificationWords = z.object({
  signal: z.string(),
  testAlert: z.string(),
  checkIn: z.string(),
  wake: z.string(),
  named_pause: z.string(),
  named_slow_down: z.string(),
  named_check_in: z.string(),
});
export type NotificationWords = z.infer<typeof NotificationWords>;

/**
 * What the service worker keeps of one room whose notifications are on: enough to open a push
 * (the content key, non-extractable, so it can be used but never read back out), to word it, and
 * to open the room on a tap (`address`: the room's link; the same secret the start screen's way
 * back keeps in Web Storage, last-room.ts).
 */
export interface PushRecord {
  readonly roomId: string;
  readonly contentKey: CryptoKey;
  readonly showSignalName: boolean;
  readonly language: string;
  readonly words: NotificationWords;
  readonly address: string;
}

// Checked on the way out like anything read back: another build may have written something else.
const StoredRecord = z.object({
  roomId: z.string(),
  contentKey: z.custom<CryptoKey>(
    (value) => typeof CryptoKey !== 'undefined' && value instanceof CryptoKey,
  ),
  showSignalName: z.boolean(),
  language: z.string(),
  words: NotificationWords,
  address: z.string(),
});

/** The `push` object store of the app's database (database.ts). Never rejects. */
export class PushStore {
  readonly #db: Promise<IDBDatabase | null>;

  constructor(factory: IDBFactory | undefined) {
    this.#db =
      factory === undefined ? Promise.resolve(null) : openAppDatabase(factory).catch(() => null);
  }

  /** The room's record; null when there is none (notifications off) or it does not read back. */
  async get(roomId: string): Promise<PushRecord | null> {
    try {
      const db = await this.#db;
      if (db === null) return null;
      const transaction = db.transaction(PUSH, 'readonly');
      const request: IDBRequest<unknown> = transaction.objectStore(PUSH).get(roomId);
      const raw = await resultOf(request, transaction);
      const parsed = StoredRecord.safeParse(raw);
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** How many rooms of this browser have notifications on (they share one subscription). */
  async count(): Promise<number> {
    try {
      const db = await this.#db;
      if (db === null) return 0;
      const transaction = db.transaction(PUSH, 'readonly');
      return await resultOf(transaction.objectStore(PUSH).count(), transaction);
    } catch {
      return 0;
    }
  }

  put(record: PushRecord): Promise<boolean> {
    return this.#write((store) => store.put(record));
  }

  delete(roomId: string): Promise<boolean> {
    return this.#write((store) => store.delete(roomId));
  }

  async #write(work: (store: IDBObjectStore) => void): Promise<boolean> {
    try {
      const db = await this.#db;
      if (db === null) return false;
      const transaction = db.transaction(PUSH, 'readwrite');
      work(transaction.objectStore(PUSH));
      await completion(transaction);
      return true;
    } catch {
      return false;
    }
  }
}
