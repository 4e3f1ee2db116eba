import * as z from 'zod/mini';
import { ItemLabel } from '../../../../shared/content.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { Afterwards, WishId, inCatalogueOrder, ownWishKey } from '../../../../shared/wishes.ts';
import type { WishChoice } from '../../room/room-client.ts';

/**
 * A wish choice as this browser keeps it (remembered wishes, a room's unshared draft). What is
 * read back is checked against the contract's own limits, so a value another version (or a person
 * with the browser's tools) left there can never become a share the server refuses.
 */
export const StoredChoice = z.object({
  wishes: z.array(WishId),
  own: z.array(ItemLabel).check(z.maxLength(LIMITS.maxOwnWishes)),
  afterwards: z.nullable(Afterwards),
});

/** The choice in `raw`, or null when it is not one. */
export function parseStoredChoice(raw: unknown): WishChoice | null {
  const parsed = StoredChoice.safeParse(raw);
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

export const storedChoice = (choice: WishChoice): z.infer<typeof StoredChoice> => ({
  wishes: inCatalogueOrder(choice.wishes),
  own: [...choice.own],
  afterwards: choice.afterwards,
});
