import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSISTENT_AFTER_MS, alertBuzz } from '../../../client/src/ui/alert-vibration.ts';
import type { AlertTone } from '../../../client/src/ui/alert-vibration.ts';

const TONES: readonly AlertTone[] = ['pause', 'slow_down', 'check_in', 'round'];

describe('alertBuzz', () => {
  it('gives each signal its own pattern, so a Pause is felt apart from the others', () => {
    const [pause, slow, check] = (['pause', 'slow_down', 'check_in'] as const).map((tone) =>
      JSON.stringify(alertBuzz(tone, 0).pattern),
    );
    expect(new Set([pause, slow, check]).size).toBe(3);
  });

  it.each([
    [0, 8_000],
    [INSISTENT_AFTER_MS - 1, 8_000],
    [INSISTENT_AFTER_MS, 4_000],
    [60_000, 4_000],
  ])('after %d ms it repeats every %d ms', (elapsed, repeatMs) => {
    expect(alertBuzz('pause', elapsed).repeatMs).toBe(repeatMs);
  });

  it('grows insistent: once the alert has waited, the buzz is longer and comes more often', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TONES),
        fc.integer({ min: 0, max: INSISTENT_AFTER_MS - 1 }),
        fc.integer({ min: INSISTENT_AFTER_MS, max: 3_600_000 }),
        (tone, early, late) => {
          const calm = alertBuzz(tone, early);
          const insistent = alertBuzz(tone, late);
          const length = (pattern: readonly number[]) => pattern.reduce((a, b) => a + b, 0);
          expect(length(insistent.pattern)).toBeGreaterThan(length(calm.pattern));
          expect(insistent.repeatMs).toBeLessThan(calm.repeatMs);
          // Vibration patterns alternate on and off, starting on: an odd number of steps.
          expect(calm.pattern.length % 2).toBe(1);
          expect(insistent.pattern.length % 2).toBe(1);
        },
      ),
    );
  });
});
