import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WishChoice } from '../../../../client/src/room/room-client.ts';
import {
  EMPTY_CHOICE,
  addOwnWish,
  cleanOwnLabel,
  pickedCount,
  sameChoice,
  withAfterwards,
  withWish,
  withoutOwnWish,
} from '../../../../client/src/ui/before/wish-choice.ts';
import { WishesShared } from '../../../../shared/content.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Afterwards, WishId } from '../../../../shared/wishes.ts';
import { AFTERWARDS, WISH_IDS } from '../../../../shared/wishes.ts';

const choice = (patch: Partial<WishChoice>): WishChoice => ({ ...EMPTY_CHOICE, ...patch });

describe('addOwnWish', () => {
  const tea = choice({ own: ['A cup of tea'] });
  const full = choice({ own: Array.from({ length: LIMITS.maxOwnWishes }, (_, i) => `Item ${i}`) });

  it.each([
    ['adds trimmed words', EMPTY_CHOICE, '  A walk  ', { ok: true, own: ['A walk'] }],
    ['collapses inner spaces', EMPTY_CHOICE, 'A   walk', { ok: true, own: ['A walk'] }],
    [
      'turns control characters into spaces',
      EMPTY_CHOICE,
      'A\twalk\n',
      { ok: true, own: ['A walk'] },
    ],
    ['appends after what is there', tea, 'Music', { ok: true, own: ['A cup of tea', 'Music'] }],
    ['refuses nothing but spaces', tea, ' \t ', { ok: false, error: 'empty' }],
    [
      'refuses the same words in another case',
      tea,
      'a CUP of tea',
      { ok: false, error: 'duplicate' },
    ],
    [
      'refuses the same words spaced otherwise',
      tea,
      ' A cup  of tea ',
      { ok: false, error: 'duplicate' },
    ],
    ['refuses an eleventh item', full, 'One more', { ok: false, error: 'full' }],
    [
      'says duplicate rather than full for a repeat',
      full,
      'item 3',
      { ok: false, error: 'duplicate' },
    ],
  ] as const)('%s', (_title, start, label, expected) => {
    const result = addOwnWish(start, label);
    if (expected.ok) {
      expect(result).toEqual({ ok: true, choice: { ...start, own: expected.own } });
    } else {
      expect(result).toEqual({ ok: false, error: expected.error });
    }
  });

  it('cuts words to the label limit the contract accepts', () => {
    const result = addOwnWish(EMPTY_CHOICE, 'x'.repeat(LIMITS.maxItemLabelChars + 20));
    expect(result.ok && result.choice.own[0]?.length).toBe(LIMITS.maxItemLabelChars);
  });
});

describe('edits', () => {
  it('keeps catalogue wishes in catalogue order, once each', () => {
    let edited = withWish(EMPTY_CHOICE, 'quiet', true);
    edited = withWish(edited, 'water', true);
    edited = withWish(edited, 'quiet', true);
    expect(edited.wishes).toEqual(['water', 'quiet']);
    expect(withWish(edited, 'water', false).wishes).toEqual(['quiet']);
    expect(withWish(edited, 'hug', false)).toEqual(edited);
  });

  it('removes own words by their exact text and sets afterwards', () => {
    const start = choice({ own: ['Tea', 'Music'] });
    expect(withoutOwnWish(start, 'Tea').own).toEqual(['Music']);
    expect(withoutOwnWish(start, 'tea').own).toEqual(['Tea', 'Music']);
    expect(withAfterwards(start, 'space').afterwards).toBe('space');
  });

  it('counts what was picked', () => {
    expect(pickedCount(EMPTY_CHOICE)).toBe(0);
    expect(pickedCount(choice({ wishes: ['water'], own: ['Tea'], afterwards: 'either' }))).toBe(3);
  });

  it('compares choices by meaning, not by the order wishes were picked in', () => {
    const a = choice({ wishes: ['water', 'hug'], own: ['Tea'], afterwards: 'space' });
    expect(sameChoice(a, { ...a, wishes: ['hug', 'water'] })).toBe(true);
    expect(sameChoice(a, { ...a, afterwards: null })).toBe(false);
    expect(sameChoice(a, { ...a, own: ['tea'] })).toBe(false);
    expect(sameChoice(a, { ...a, wishes: ['water'] })).toBe(false);
  });

  it('cleanOwnLabel leaves ordinary words alone', () => {
    expect(cleanOwnLabel('Warm socks')).toBe('Warm socks');
  });
});

type Edit =
  | { readonly type: 'wish'; readonly wish: WishId; readonly picked: boolean }
  | { readonly type: 'add'; readonly label: string }
  | { readonly type: 'remove'; readonly index: number }
  | { readonly type: 'afterwards'; readonly afterwards: Afterwards | null };

const arbEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    type: fc.constant('wish' as const),
    wish: fc.constantFrom(...WISH_IDS),
    picked: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('add' as const),
    label: fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.constantFrom('Tea', 'tea', ' TEA ', 'A  walk', 'a walk'),
    ),
  }),
  fc.record({ type: fc.constant('remove' as const), index: fc.nat(12) }),
  fc.record({
    type: fc.constant('afterwards' as const),
    afterwards: fc.constantFrom(null, ...AFTERWARDS),
  }),
);

function apply(start: WishChoice, edit: Edit): WishChoice {
  switch (edit.type) {
    case 'wish':
      return withWish(start, edit.wish, edit.picked);
    case 'add': {
      const result = addOwnWish(start, edit.label);
      return result.ok ? result.choice : start;
    }
    case 'remove': {
      const label = start.own[edit.index];
      return label === undefined ? start : withoutOwnWish(start, label);
    }
    case 'afterwards':
      return withAfterwards(start, edit.afterwards);
  }
}

describe('any sequence of edits', () => {
  it('leaves a choice the contract accepts as a share, unchanged', () => {
    fc.assert(
      fc.property(fc.array(arbEdit, { maxLength: 40 }), (edits) => {
        const final = edits.reduce(apply, EMPTY_CHOICE);
        const event = { type: 'wishes_shared', ...final };
        const parsed = WishesShared.safeParse(event);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(event);
        expect(final.own.length).toBeLessThanOrEqual(LIMITS.maxOwnWishes);
      }),
    );
  });

  it('adding either adds exactly one item at the end or changes nothing', () => {
    fc.assert(
      fc.property(fc.array(arbEdit, { maxLength: 20 }), fc.string(), (edits, label) => {
        const start = edits.reduce(apply, EMPTY_CHOICE);
        const result = addOwnWish(start, label);
        if (result.ok) {
          expect(result.choice.own.slice(0, -1)).toEqual(start.own);
          expect(result.choice.own).toHaveLength(start.own.length + 1);
          expect(addOwnWish(result.choice, label)).toEqual({ ok: false, error: 'duplicate' });
        } else {
          expect(['empty', 'duplicate', 'full']).toContain(result.error);
        }
      }),
    );
  });
});
