import type { WishChoice } from '../../room/room-client.ts';
import type { KeyValueStorage } from '../../room/storage.ts';
import { readJson, writeJson } from '../../room/storage.ts';
import { parseStoredChoice, storedChoice } from './stored-choice.ts';

/**
 * "Remember my wishes on this phone": a person's choice kept in this browser only, under one key,
 * and never sent. The next room's editor starts from it (still unshared until they share).
 */
export const REMEMBERED_WISHES_KEY = 'tandem.my-wishes';

/** The remembered choice, or null when there is none or it cannot be read. */
export const readRememberedWishes = (storage: KeyValueStorage): WishChoice | null =>
  parseStoredChoice(readJson(storage, REMEMBERED_WISHES_KEY));

export function rememberWishes(storage: KeyValueStorage, choice: WishChoice): void {
  writeJson(storage, REMEMBERED_WISHES_KEY, storedChoice(choice));
}

/** Turning "remember" off leaves nothing of the wishes in this browser. */
export function forgetRememberedWishes(storage: KeyValueStorage): void {
  try {
    storage.removeItem(REMEMBERED_WISHES_KEY);
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}
