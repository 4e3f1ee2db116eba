import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemId } from '../../shared/content.ts';
import { DEFAULT_PLAN } from '../../shared/default-plan.ts';
import {
  AFTERWARDS,
  Afterwards,
  WISH_CATALOGUE,
  WISH_GROUPS,
  WISH_IDS,
  WishId,
  inCatalogueOrder,
  ownWishKey,
} from '../../shared/wishes.ts';
import { arbWishIds } from './support/arb-arc-events.ts';

describe('the wish catalogue', () => {
  it('holds the groups and items the issue names, in this order', () => {
    const byGroup = Object.fromEntries(
      WISH_GROUPS.map((group) => [
        group,
        WISH_CATALOGUE.filter((wish) => wish.group === group).map((wish) => wish.id),
      ]),
    );
    expect(byGroup).toEqual({
      body: ['water', 'snack', 'warmth', 'rest', 'shower', 'marks'],
      closeness: ['hug', 'hold_hands', 'stay_close'],
      words: ['reassurance', 'talk', 'quiet'],
      space: ['alone', 'message_later'],
    });
    // Grouped: the catalogue lists each group's items together, groups in WISH_GROUPS order.
    const groupsInOrder = WISH_CATALOGUE.map((wish) => wish.group).filter(
      (group, i, all) => all[i - 1] !== group,
    );
    expect(groupsInOrder).toEqual([...WISH_GROUPS]);
  });

  it('has unique ids, and WISH_IDS lists them in catalogue order', () => {
    expect(new Set(WISH_IDS).size).toBe(WISH_CATALOGUE.length);
    expect(WISH_IDS).toEqual(WISH_CATALOGUE.map((wish) => wish.id));
  });

  it('names the default plan: one item for both per wish marked inDefaultPlan', () => {
    expect(DEFAULT_PLAN.map((item) => item.what)).toEqual(
      WISH_CATALOGUE.filter((wish) => wish.inDefaultPlan).map((wish) => ({
        type: 'wish',
        wish: wish.id,
      })),
    );
    for (const item of DEFAULT_PLAN) {
      expect(ItemId.safeParse(item.id).success).toBe(true);
      expect(item).toMatchObject({ audience: 'both', source: 'default', checked: false });
    }
    expect(DEFAULT_PLAN).toHaveLength(8);
  });

  it.each(WISH_IDS)('accepts the wish id %s', (id) => {
    expect(WishId.safeParse(id).success).toBe(true);
  });

  it.each(['', 'Water', 'wish-water', 'massage', ' water', 'hold-hands'])(
    'rejects the wish id %j',
    (id) => {
      expect(WishId.safeParse(id).success).toBe(false);
    },
  );

  it('knows three afterwards choices', () => {
    expect([...AFTERWARDS]).toEqual(['company', 'space', 'either']);
    for (const choice of AFTERWARDS) expect(Afterwards.safeParse(choice).success).toBe(true);
    expect(Afterwards.safeParse('alone').success).toBe(false);
    expect(Afterwards.safeParse(null).success).toBe(false);
  });
});

describe('inCatalogueOrder', () => {
  it.each<[WishId[], WishId[]]>([
    [[], []],
    [
      ['quiet', 'water'],
      ['water', 'quiet'],
    ],
    [
      ['hug', 'hug', 'water', 'hug'],
      ['water', 'hug'],
    ],
    [[...WISH_IDS].reverse(), [...WISH_IDS]],
  ])('%j → %j', (input, output) => {
    expect(inCatalogueOrder(input)).toEqual(output);
  });

  it('gives each chosen wish once, in catalogue order, whatever the order chosen in', () => {
    fc.assert(
      fc.property(arbWishIds, fc.array(fc.nat()), (wishes, repeats) => {
        const withRepeats = [...wishes, ...repeats.map((n) => wishes[n % (wishes.length || 1)])];
        const ordered = inCatalogueOrder(withRepeats.filter((id) => id !== undefined));
        expect(ordered).toEqual(WISH_IDS.filter((id) => wishes.includes(id)));
        expect(inCatalogueOrder(ordered)).toEqual(ordered);
      }),
    );
  });
});

describe('ownWishKey', () => {
  it.each([
    ['A walk', 'a walk'],
    ['a  walk', 'a walk'],
    ['  A   Walk  ', 'a walk'],
    ['A\twalk', 'a walk'],
    ['A\u00a0walk', 'a walk'],
    ['TEA', 'tea'],
    ['Tee mit Milch', 'tee mit milch'],
    ['Écharpe', 'écharpe'],
    ['🍵 Tea', '🍵 tea'],
  ])('%j is %j', (label, key) => {
    expect(ownWishKey(label)).toBe(key);
  });

  it.each([
    ['A walk', 'A talk'],
    ['Tea', 'Teas'],
    ['a walk', 'awalk'],
  ])('%j and %j stay two wishes', (a, b) => {
    expect(ownWishKey(a)).not.toBe(ownWishKey(b));
  });

  const arbWords = fc.array(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((w) => !/\s/u.test(w)),
    { minLength: 1, maxLength: 5 },
  );
  const arbGap = fc.constantFrom(' ', '  ', '\t', '\u00a0', ' \u3000 ');

  it('is the same however the words are spaced, and once keyed stays as it is', () => {
    fc.assert(
      fc.property(arbWords, fc.array(arbGap, { minLength: 6, maxLength: 6 }), (words, gaps) => {
        const spaced = `${gaps[0] ?? ''}${words.map((w, i) => `${w}${gaps[i + 1] ?? ' '}`).join('')}`;
        expect(ownWishKey(spaced)).toBe(ownWishKey(words.join(' ')));
        expect(ownWishKey(ownWishKey(spaced))).toBe(ownWishKey(spaced));
      }),
    );
  });

  it('is the same in upper or lower case (ASCII)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), (label) => {
        expect(ownWishKey(label.toUpperCase())).toBe(ownWishKey(label.toLowerCase()));
      }),
    );
  });
});
