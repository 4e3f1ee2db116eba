import fc from 'fast-check';

/**
 * Seeded randomness for long-running tests: a run draws its whole plan from one seed, prints the
 * seed, and the same seed draws the same plan again, so a failure can be replayed.
 */

/** The seed named by `variable` in the environment (a replay), else a fresh one. */
export function seedFromEnv(variable: string): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`${variable} must be an integer, got '${raw}'`);
  return seed;
}

/** A positive whole number from the environment, or `fallback` when unset. */
export function countFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const count = Number(raw);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Error(`${variable} must be a positive integer, got '${raw}'`);
  }
  return count;
}

/** The one value `arbitrary` draws from `seed`: the same seed always draws the same value. */
export function drawWithSeed<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
  const [value] = fc.sample(arbitrary, { seed, numRuns: 1 });
  if (value === undefined) throw new Error(`the arbitrary drew nothing from seed ${String(seed)}`);
  return value;
}
