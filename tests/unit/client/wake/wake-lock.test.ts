import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KEEP_SCREEN_ON_KEY,
  readKeepScreenOn,
  rememberKeepScreenOn,
  shouldHoldWakeLock,
  showsWakeLockRefusal,
} from '../../../../client/src/ui/wake/wake-lock.ts';
import type { WakeLockOutcome } from '../../../../client/src/ui/wake/wake-lock.ts';
import { FullStorage, MemoryStorage } from '../../../support/memory-storage.ts';

const OUTCOMES: readonly WakeLockOutcome[] = ['idle', 'held', 'refused', 'unsupported'];

describe('the remembered "Keep screen on" choice', () => {
  it('is on when nothing is stored', () => {
    expect(readKeepScreenOn(new MemoryStorage())).toBe(true);
  });

  it.each([true, false])('keeps %s under one key and reads it back', (on) => {
    const storage = new MemoryStorage();
    rememberKeepScreenOn(storage, on);
    expect([...storage.items.keys()]).toEqual([KEEP_SCREEN_ON_KEY]);
    expect(readKeepScreenOn(storage)).toBe(on);
  });

  it.each([
    ['not JSON', '{on'],
    ['a string', '"false"'],
    ['a number', '0'],
    ['null', 'null'],
    ['an object', '{"on":false}'],
  ])('reads %s as the default (on)', (_name, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(KEEP_SCREEN_ON_KEY, raw);
    expect(readKeepScreenOn(storage)).toBe(true);
  });

  it('a full storage keeps nothing and breaks nothing', () => {
    const storage = new FullStorage();
    expect(() => rememberKeepScreenOn(storage, false)).not.toThrow();
    expect(storage.writes).toBe(1);
    expect(readKeepScreenOn(storage)).toBe(true);
  });
});

describe('when the lock is held', () => {
  it.each([
    { chosen: true, visible: true, hold: true },
    { chosen: true, visible: false, hold: false },
    { chosen: false, visible: true, hold: false },
    { chosen: false, visible: false, hold: false },
  ])('chosen $chosen, page visible $visible: held $hold', ({ chosen, visible, hold }) => {
    expect(shouldHoldWakeLock(chosen, visible)).toBe(hold);
  });
});

describe('when the phone says the screen may turn off', () => {
  it.each([
    { chosen: true, outcome: 'idle', shown: false },
    { chosen: true, outcome: 'held', shown: false },
    { chosen: true, outcome: 'refused', shown: true },
    { chosen: true, outcome: 'unsupported', shown: true },
  ] as const)('chosen, $outcome: shown $shown', ({ chosen, outcome, shown }) => {
    expect(showsWakeLockRefusal(chosen, outcome)).toBe(shown);
  });

  it('never once the person turned it off', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OUTCOMES), (outcome) => {
        expect(showsWakeLockRefusal(false, outcome)).toBe(false);
      }),
    );
  });
});
