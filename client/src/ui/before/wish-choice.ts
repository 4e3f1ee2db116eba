import { LIMITS } from '../../../../shared/limits.ts';
import type { Afterwards, WishId } from '../../../../shared/wishes.ts';
import { inCatalogueOrder, ownWishKey } from '../../../../shared/wishes.ts';
import type { WishChoice } from '../../room/room-client.ts';
import { asOneLine } from '../../room/one-line.ts';

/**
 * A person's wishes as the editor holds them, and the edits it makes. Every function returns a
 * new choice in a canonical form (catalogue order, own words trimmed), so two choices that mean
 * the same compare equal and "changes not shared yet" is never said about a mere reordering.
 */

export const EMPTY_CHOICE: WishChoice = { wishes: [], own: [], afterwards: null };

/** One line of a person's own words as it is kept: control characters and repeated spaces gone. */
export const cleanOwnLabel = (label: string): string => asOneLine(label).replace(/\s+/gu, ' ');

export function withWish(choice: WishChoice, wish: WishId, picked: boolean): WishChoice {
  const others = choice.wishes.filter((existing) => existing !== wish);
  return { ...choice, wishes: inCatalogueOrder(picked ? [...others, wish] : others) };
}

export const withAfterwards = (choice: WishChoice, afterwards: Afterwards | null): WishChoice => ({
  ...choice,
  afterwards,
});

export type AddOwnResult =
  | { readonly ok: true; readonly choice: WishChoice }
  | { readonly ok: false; readonly error: 'empty' | 'duplicate' | 'full' };

/**
 * Adds one of the person's own wishes. Empty words, words already on the list (whatever their
 * case or spacing) and a full list change nothing and say why. Longer words are cut to the limit
 * the contract accepts, so what is shown is what would be shared.
 */
export function addOwnWish(choice: WishChoice, label: string): AddOwnResult {
  const cleaned = cleanOwnLabel(label).slice(0, LIMITS.maxItemLabelChars).trim();
  if (cleaned === '') return { ok: false, error: 'empty' };
  const key = ownWishKey(cleaned);
  if (choice.own.some((existing) => ownWishKey(existing) === key)) {
    return { ok: false, error: 'duplicate' };
  }
  if (choice.own.length >= LIMITS.maxOwnWishes) return { ok: false, error: 'full' };
  return { ok: true, choice: { ...choice, own: [...choice.own, cleaned] } };
}

export const withoutOwnWish = (choice: WishChoice, label: string): WishChoice => ({
  ...choice,
  own: choice.own.filter((existing) => existing !== label),
});

/** Whether two choices say the same: same wishes, same own words (in order), same afterwards. */
export function sameChoice(a: WishChoice, b: WishChoice): boolean {
  const sameList = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((value, i) => value === y[i]);
  return (
    sameList(inCatalogueOrder(a.wishes), inCatalogueOrder(b.wishes)) &&
    sameList(a.own, b.own) &&
    a.afterwards === b.afterwards
  );
}

/** Everything the person picked or wrote, counted for the closed editor's summary. */
export const pickedCount = (choice: WishChoice): number =>
  choice.wishes.length + choice.own.length + (choice.afterwards === null ? 0 : 1);
