import type { LocalStore } from './local-store.ts';
import { OutboxEntry } from './outbox.ts';
import type { KeyValueStorage } from './storage.ts';
import { readJson, writeJson } from './storage.ts';

/**
 * The outbox's journal in Web Storage: entries queued here that the local store (IndexedDB) has
 * not confirmed keeping yet. IndexedDB writes are asynchronous, so a page that goes right after a
 * tap (a reload, a closed tab, a phone that kills the page) could lose the write; Web Storage is
 * written before the tap returns. The next page load moves what is left into the local store.
 *
 * It is also where builds before the local store kept the whole outbox (the same key), so their
 * outboxes move over by the same path.
 */
const journalKey = (roomId: string) => `tandem.outbox.${roomId}`;

function readJournal(storage: KeyValueStorage, roomId: string): OutboxEntry[] {
  const stored = readJson(storage, journalKey(roomId));
  // Entry by entry: one unreadable entry must not cost the others (a queued Pause among them).
  return Array.isArray(stored)
    ? stored.flatMap((item: unknown) => {
        const parsed = OutboxEntry.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
}

/** What the journal still holds: taps the local store may not keep (yet). */
export function journalled(storage: KeyValueStorage, roomId: string): OutboxEntry[] {
  return storage.getItem(journalKey(roomId)) === null ? [] : readJournal(storage, roomId);
}

/** Notes an entry before its asynchronous write starts. */
export function journalEntry(storage: KeyValueStorage, roomId: string, entry: OutboxEntry): void {
  writeJson(storage, journalKey(roomId), [...readJournal(storage, roomId), entry]);
}

/** Drops entries the local store now keeps, or that left the outbox. */
export function unjournal(
  storage: KeyValueStorage,
  roomId: string,
  eventIds: ReadonlySet<string>,
): void {
  if (storage.getItem(journalKey(roomId)) === null) return;
  const left = readJournal(storage, roomId).filter((entry) => !eventIds.has(entry.eventId));
  if (left.length === 0) storage.removeItem(journalKey(roomId));
  else writeJson(storage, journalKey(roomId), left);
}

/**
 * Moves what the journal holds into the local store: the journal's copy goes only when the local
 * store has kept it (so a store that keeps nothing loses nothing). An entry the store already
 * keeps is not written again: the store's copy may carry an acknowledgement the journal's lacks.
 */
export async function moveJournalIntoStore(
  storage: KeyValueStorage,
  local: LocalStore,
  roomId: string,
  stillKept: () => boolean = () => true,
): Promise<void> {
  if (storage.getItem(journalKey(roomId)) === null) return;
  const entries = readJournal(storage, roomId);
  const kept = new Set((await local.loadOutbox(roomId)).map((entry) => entry.eventId));
  // The room may have ended while the outbox was read: nothing of it may be written back (R6).
  if (!stillKept()) return;
  const missing = entries.filter((entry) => !kept.has(entry.eventId));
  if (missing.length === 0 || (await local.putOutbox(roomId, missing))) {
    unjournal(storage, roomId, new Set(entries.map((entry) => entry.eventId)));
  }
  // Ended while the entries were written: take them out again.
  if (!stillKept()) await local.forget(roomId);
}

export const forgetJournal = (storage: KeyValueStorage, roomId: string): void => {
  storage.removeItem(journalKey(roomId));
};
