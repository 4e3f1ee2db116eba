import * as z from 'zod/mini';
import { ItemLabel } from '../../../../shared/content.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { Afterwards, WishId, inCatalogueOrder, ownWishKey } from '../../../../shared/wishes.ts';
import type { WishChoice } from '../../room/room-client.ts';
import type { KeyValueStorage } from '../../room/storage.ts';
import { readJson, writeJson } from '../../room/storage.ts';

/**
 * "Remember my wishes on this phone": a person's choice kept in this browser only, under one key,
 * and never sent. The next room's editor starts from it (still unshared until they share). What
 * is read back is checked against the contract's own limits, so a value another version (or a
 * person with the browser's tools) left there can never become a share the server refuses.
 */
export const REMEMBERED_WISHES_KEY = 'tandem.my-wishes';

const RememberedWishes = z.object({
  wishes: z.array(WishId),
  own: z.array(ItemLabel).check(z.maxLength(LIMITS.maxOwnWishes)),
  afterwards: z.nullable(Afterwards),
});

/** The remembered choice, or null when there is none or it cannot be read. */
export function readRememberedWishes(storage: KeyValueStorage): WishChoice | null {
  const parsed = RememberedWishes.safeParse(readJson(storage, REMEMBERED_WISHES_KEY));
  if (!parsed.success) return null;
  const { wishes, own, afterwards } = parsed.data;
  const seen = new Set<string>();
  // Repeats are dropped rather than the whole value: the rest is still what the person chose.
  const ownOnce = own.filter((label) => {
    const key = ownWishKey(label);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { wishes: inCatalogueOrder(wishes), own: ownOnce, afterwards };
}

export function rememberWishes(storage: KeyValueStorage, choice: WishChoice): void {
  writeJson(storage, REMEMBERED_WISHES_KEY, {
    wishes: inCatalogueOrder(choice.wishes),
    own: choice.own,
    afterwards: choice.afterwards,
  });
}

/** Turning "remember" off leaves nothing of the wishes in this browser. */
export function forgetRememberedWishes(storage: KeyValueStorage): void {
  try {
    storage.removeItem(REMEMBERED_WISHES_KEY);
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}
