import * as z from 'zod/mini';
import { RoomId } from '../../../../shared/ids.ts';
import type { WishChoice } from '../../room/room-client.ts';
import type { KeyValueStorage } from '../../room/storage.ts';
import { readJson, writeJson } from '../../room/storage.ts';
import { StoredChoice, parseStoredChoice, storedChoice } from './stored-choice.ts';

/**
 * The wishes a person is editing but has not shared, kept in this browser so a reload does not
 * lose them. One draft at a time, tagged with its room: another room's draft replaces it, and the
 * room's end removes it, so nothing of an ended room lingers here.
 */
export const WISH_DRAFT_KEY = 'tandem.wish-draft';

const Draft = z.object({ roomId: RoomId, choice: StoredChoice });

/** The unshared draft of room `roomId`, or null. */
export function readWishDraft(storage: KeyValueStorage, roomId: string): WishChoice | null {
  const parsed = Draft.safeParse(readJson(storage, WISH_DRAFT_KEY));
  if (!parsed.success || parsed.data.roomId !== roomId) return null;
  return parseStoredChoice(parsed.data.choice);
}

export function saveWishDraft(storage: KeyValueStorage, roomId: string, choice: WishChoice): void {
  writeJson(storage, WISH_DRAFT_KEY, { roomId, choice: storedChoice(choice) });
}

/** Removes the draft of `roomId` (shared, or the room ended); another room's draft stays. */
export function forgetWishDraft(storage: KeyValueStorage, roomId: string): void {
  try {
    const kept = Draft.safeParse(readJson(storage, WISH_DRAFT_KEY));
    if (!kept.success || kept.data.roomId === roomId) storage.removeItem(WISH_DRAFT_KEY);
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}
