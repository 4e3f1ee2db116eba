import * as z from 'zod/mini';

/**
 * The neutral catalogue a partner picks aftercare wishes from, in the order screens show it.
 * Ids are stable (shared wishes and plan items refer to them); the words people read live with
 * the phone's text, so a translation never changes what travels. `inDefaultPlan` marks the
 * items every plan holds, for both partners, whether or not anyone wished for them.
 */
export const WISH_GROUPS = ['body', 'closeness', 'words', 'space'] as const;
export type WishGroup = (typeof WISH_GROUPS)[number];

export const WISH_CATALOGUE = [
  { id: 'water', group: 'body', inDefaultPlan: true },
  { id: 'snack', group: 'body', inDefaultPlan: true },
  { id: 'warmth', group: 'body', inDefaultPlan: true },
  { id: 'rest', group: 'body', inDefaultPlan: true },
  { id: 'shower', group: 'body', inDefaultPlan: false },
  { id: 'marks', group: 'body', inDefaultPlan: true },
  { id: 'hug', group: 'closeness', inDefaultPlan: true },
  { id: 'hold_hands', group: 'closeness', inDefaultPlan: false },
  { id: 'stay_close', group: 'closeness', inDefaultPlan: false },
  { id: 'reassurance', group: 'words', inDefaultPlan: false },
  { id: 'talk', group: 'words', inDefaultPlan: true },
  { id: 'quiet', group: 'words', inDefaultPlan: true },
  { id: 'alone', group: 'space', inDefaultPlan: false },
  { id: 'message_later', group: 'space', inDefaultPlan: false },
] as const satisfies readonly { id: string; group: WishGroup; inDefaultPlan: boolean }[];

export type WishId = (typeof WISH_CATALOGUE)[number]['id'];
export const WISH_IDS = WISH_CATALOGUE.map((wish) => wish.id) as [WishId, ...WishId[]];
export const WishId = z.enum(WISH_IDS);

/** What a partner would like once the session ends. */
export const AFTERWARDS = ['company', 'space', 'either'] as const;
export const Afterwards = z.enum(AFTERWARDS);
export type Afterwards = z.infer<typeof Afterwards>;

/** Catalogue wishes in catalogue order, so equal choices compare (and merge) equal. */
export const inCatalogueOrder = (wishes: Iterable<WishId>): WishId[] => {
  const chosen = new Set(wishes);
  return WISH_IDS.filter((id) => chosen.has(id));
};

/**
 * The key two of a person's own words are the same wish by: case, surrounding and repeated
 * spaces do not matter ("A walk" and "a  walk" are one item, for both).
 */
export const ownWishKey = (label: string): string =>
  label.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('en');
