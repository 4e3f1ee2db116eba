import * as z from 'zod/mini';
import { StoredEnvelope } from '../../../shared/protocol.ts';
import { Incarnation } from '../../../shared/protocol.ts';
import { BY_ROOM, ENVELOPES, OUTBOX, PUSH, ROOMS, openAppDatabase } from './database.ts';
import { completion, resultOf } from './idb.ts';
import type { KeptLog, LocalStore } from './local-store.ts';
import { byQueuedAt } from './local-store.ts';
import type { OutboxEntry } from './outbox.ts';
import { OutboxEntry as OutboxEntrySchema } from './outbox.ts';

/**
 * The phone's rooms in IndexedDB, one database for the app (database.ts). Three of its object
 * stores, each keyed by room id first, so everything of one room is found (and forgotten) through
 * one index:
 * - `rooms`: { roomId, incarnation, lastSeq }: which log the phone holds, and how far;
 * - `envelopes`: { roomId, seq, envelope }: the log's envelopes, sealed as the server sent them;
 * - `outbox`: { roomId, eventId, entry }: what this person said that the log does not hold yet.
 * Only sealed envelopes are kept: content is decrypted in memory, never written anywhere.
 */
export { DATABASE_NAME, OBJECT_STORES } from './database.ts';

// What is read back is checked like anything else crossing a boundary: another build, or a
// damaged profile, may have written something else.
const RoomRecord = z.object({ roomId: z.string(), incarnation: Incarnation, lastSeq: z.number() });
type RoomRecord = z.infer<typeof RoomRecord>;
const EnvelopeRecord = z.object({ envelope: StoredEnvelope });
const OutboxRecord = z.object({ entry: OutboxEntrySchema });

/** Opens the app's database with `factory`; rejects if this browser will not open it. */
export async function openIndexedDbStore(factory: IDBFactory): Promise<IndexedDbStore> {
  return new IndexedDbStore(await openAppDatabase(factory));
}

export class IndexedDbStore implements LocalStore {
  readonly #db: IDBDatabase;

  constructor(db: IDBDatabase) {
    this.#db = db;
  }

  async loadLog(roomId: string): Promise<KeptLog | null> {
    return this.#read(null, async () => {
      const transaction = this.#db.transaction([ROOMS, ENVELOPES], 'readonly');
      const room = transaction.objectStore(ROOMS).get(roomId);
      const envelopes = transaction.objectStore(ENVELOPES).index(BY_ROOM).getAll(roomId);
      await completion(transaction);
      const kept = RoomRecord.safeParse(room.result);
      if (!kept.success) return null;
      const { incarnation, lastSeq } = kept.data;
      return {
        incarnation,
        lastSeq,
        envelopes: parsedEach(envelopes.result, EnvelopeRecord)
          .map((record) => record.envelope)
          .filter((envelope) => envelope.seq <= lastSeq),
      };
    });
  }

  appendLog(
    roomId: string,
    incarnation: string,
    envelopes: readonly StoredEnvelope[],
    lastSeq: number,
  ): Promise<boolean> {
    return this.#write([ROOMS, ENVELOPES], (transaction, skipped) => {
      const rooms = transaction.objectStore(ROOMS);
      const request = rooms.get(roomId);
      request.onsuccess = () => {
        const kept = RoomRecord.safeParse(request.result);
        // No log of this incarnation was started (resetLog): another tab started a newer one, or
        // the room ended and was forgotten while these envelopes were being opened. Writing them
        // would bring back what the room's end removed (R6).
        if (!kept.success || kept.data.incarnation !== incarnation) {
          skipped();
          return;
        }
        const store = transaction.objectStore(ENVELOPES);
        for (const envelope of envelopes) store.put({ roomId, seq: envelope.seq, envelope });
        const last = Math.max(kept.data.lastSeq, lastSeq);
        rooms.put({ roomId, incarnation, lastSeq: last } satisfies RoomRecord);
      };
    });
  }

  resetLog(roomId: string, incarnation: string): Promise<boolean> {
    return this.#write([ROOMS, ENVELOPES], (transaction) => {
      deleteByRoom(transaction.objectStore(ENVELOPES), roomId);
      transaction.objectStore(ROOMS).put({ roomId, incarnation, lastSeq: 0 } satisfies RoomRecord);
    });
  }

  async loadOutbox(roomId: string): Promise<OutboxEntry[]> {
    return this.#read([], async () => {
      const transaction = this.#db.transaction(OUTBOX, 'readonly');
      const records = transaction.objectStore(OUTBOX).index(BY_ROOM).getAll(roomId);
      const raw = await resultOf(records, transaction);
      return parsedEach(raw, OutboxRecord)
        .map((record) => record.entry)
        .sort(byQueuedAt);
    });
  }

  putOutbox(roomId: string, entries: readonly OutboxEntry[]): Promise<boolean> {
    return this.#write([OUTBOX], (transaction) => {
      const store = transaction.objectStore(OUTBOX);
      for (const entry of entries) store.put({ roomId, eventId: entry.eventId, entry });
    });
  }

  deleteOutbox(roomId: string, eventIds: readonly string[]): Promise<boolean> {
    return this.#write([OUTBOX], (transaction) => {
      const store = transaction.objectStore(OUTBOX);
      for (const eventId of eventIds) store.delete([roomId, eventId]);
    });
  }

  forget(roomId: string): Promise<boolean> {
    return this.#write([ROOMS, ENVELOPES, OUTBOX, PUSH], (transaction) => {
      transaction.objectStore(ROOMS).delete(roomId);
      deleteByRoom(transaction.objectStore(ENVELOPES), roomId);
      deleteByRoom(transaction.objectStore(OUTBOX), roomId);
      // What the service worker keeps to open this room's pushes (push-store.ts) goes too.
      transaction.objectStore(PUSH).delete(roomId);
    });
  }

  /** A read that fails (a damaged profile, an evicted origin) reads as nothing kept. */
  async #read<T>(nothing: T, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch {
      return nothing;
    }
  }

  /**
   * One readwrite transaction; resolves whether it committed and `work` did not call `skipped`
   * (it found nothing it may write), never rejects.
   */
  async #write(
    stores: readonly string[],
    work: (transaction: IDBTransaction, skipped: () => void) => void,
  ): Promise<boolean> {
    try {
      const transaction = this.#db.transaction([...stores], 'readwrite');
      const committed = completion(transaction);
      let wrote = true;
      work(transaction, () => {
        wrote = false;
      });
      await committed;
      return wrote;
    } catch {
      // Quota, or the database went away: the room goes on in memory.
      return false;
    }
  }
}

/** Deletes every record of `roomId` from a store indexed by room. */
function deleteByRoom(store: IDBObjectStore, roomId: string): void {
  const keys = store.index(BY_ROOM).getAllKeys(roomId);
  keys.onsuccess = () => {
    for (const key of keys.result) store.delete(key);
  };
}

/** The records that parse, one by one: one damaged record must not cost the others. */
function parsedEach<T>(records: unknown, schema: z.ZodMiniType<T>): T[] {
  if (!Array.isArray(records)) return [];
  return records.flatMap((record: unknown) => {
    const parsed = schema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
}
