import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WishChoice } from '../../../../client/src/room/room-client.ts';
import {
  REMEMBERED_WISHES_KEY,
  forgetRememberedWishes,
  readRememberedWishes,
  rememberWishes,
} from '../../../../client/src/ui/before/remembered-wishes.ts';
import { sameChoice } from '../../../../client/src/ui/before/wish-choice.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { AFTERWARDS, WISH_IDS, ownWishKey } from '../../../../shared/wishes.ts';
import { FullStorage, MemoryStorage } from '../../../support/memory-storage.ts';
import { arbItemLabel } from '../../support/arbitraries.ts';

const CHOICE: WishChoice = { wishes: ['water', 'hug'], own: ['A walk'], afterwards: 'space' };

describe('remembered wishes', () => {
  it('keeps the choice under one key and reads it back', () => {
    const storage = new MemoryStorage();
    expect(readRememberedWishes(storage)).toBeNull();
    rememberWishes(storage, CHOICE);
    expect([...storage.items.keys()]).toEqual([REMEMBERED_WISHES_KEY]);
    expect(readRememberedWishes(storage)).toEqual(CHOICE);
  });

  it('replaces the choice on every save and is gone once forgotten', () => {
    const storage = new MemoryStorage();
    rememberWishes(storage, CHOICE);
    rememberWishes(storage, { wishes: [], own: [], afterwards: null });
    expect(readRememberedWishes(storage)).toEqual({ wishes: [], own: [], afterwards: null });
    forgetRememberedWishes(storage);
    expect(storage.items.size).toBe(0);
    expect(readRememberedWishes(storage)).toBeNull();
  });

  it.each([
    ['not JSON', '{wishes'],
    ['not an object', '"water"'],
    ['an unknown wish', JSON.stringify({ ...CHOICE, wishes: ['water', 'champagne'] })],
    ['an unknown afterwards', JSON.stringify({ ...CHOICE, afterwards: 'later' })],
    ['a missing field', JSON.stringify({ wishes: [], own: [] })],
    ['an empty own wish', JSON.stringify({ ...CHOICE, own: ['  '] })],
    ['an own wish too long', JSON.stringify({ ...CHOICE, own: ['x'.repeat(81)] })],
    ['a control character', JSON.stringify({ ...CHOICE, own: ['a\u0007b'] })],
    [
      'too many own wishes',
      JSON.stringify({
        ...CHOICE,
        own: Array.from({ length: LIMITS.maxOwnWishes + 1 }, (_, i) => `Item ${i}`),
      }),
    ],
  ])('ignores %s', (_title, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(REMEMBERED_WISHES_KEY, raw);
    expect(readRememberedWishes(storage)).toBeNull();
  });

  it('reads back catalogue order and drops repeated own words', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      REMEMBERED_WISHES_KEY,
      JSON.stringify({
        wishes: ['quiet', 'water', 'quiet'],
        own: ['Tea', 'tea '],
        afterwards: null,
      }),
    );
    expect(readRememberedWishes(storage)).toEqual({
      wishes: ['water', 'quiet'],
      own: ['Tea'],
      afterwards: null,
    });
  });

  it('a full or blocked storage keeps nothing and breaks nothing', () => {
    const storage = new FullStorage();
    expect(() => {
      rememberWishes(storage, CHOICE);
      forgetRememberedWishes(storage);
    }).not.toThrow();
    expect(readRememberedWishes(storage)).toBeNull();
  });

  it('any choice the editor can hold comes back the same', () => {
    const arbChoice: fc.Arbitrary<WishChoice> = fc.record({
      wishes: fc.uniqueArray(fc.constantFrom(...WISH_IDS)),
      own: fc.uniqueArray(arbItemLabel, {
        maxLength: LIMITS.maxOwnWishes,
        selector: ownWishKey,
      }),
      afterwards: fc.constantFrom(null, ...AFTERWARDS),
    });
    fc.assert(
      fc.property(arbChoice, (choice) => {
        const storage = new MemoryStorage();
        rememberWishes(storage, choice);
        const back = readRememberedWishes(storage);
        expect(back).not.toBeNull();
        expect(back !== null && sameChoice(back, choice)).toBe(true);
      }),
    );
  });
});
