import type { LocalStore } from './local-store.ts';
import { OutboxEntry } from './outbox.ts';
import type { KeyValueStorage } from './storage.ts';
import { readJson } from './storage.ts';

/** Where builds before the local store kept a room's outbox: Web Storage. */
const legacyKey = (roomId: string) => `tandem.outbox.${roomId}`;

/**
 * Moves an outbox an earlier build kept in Web Storage into the local store, once: the old copy
 * goes only when the new one is kept (so a store that keeps nothing loses nothing).
 */
export async function migrateLegacyOutbox(
  storage: KeyValueStorage,
  local: LocalStore,
  roomId: string,
): Promise<void> {
  if (storage.getItem(legacyKey(roomId)) === null) return;
  const stored = readJson(storage, legacyKey(roomId));
  // Entry by entry: one unreadable entry must not cost the others (a queued Pause among them).
  const entries = Array.isArray(stored)
    ? stored.flatMap((item: unknown) => {
        const parsed = OutboxEntry.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  if (entries.length === 0 || (await local.putOutbox(roomId, entries))) {
    storage.removeItem(legacyKey(roomId));
  }
}

export const forgetLegacyOutbox = (storage: KeyValueStorage, roomId: string): void => {
  storage.removeItem(legacyKey(roomId));
};
