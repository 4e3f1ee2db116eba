import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countFromEnv, drawWithSeed, seedFromEnv } from '../support/seeded.ts';
import {
  FAULT_KINDS,
  MAX_PAUSE_MS,
  MAX_STALL_STEPS,
  arbSchedule,
  isFault,
} from './support/schedule.ts';

/** The randomized run's plan: reproducible from its seed, well-formed, and covering every kind. */

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('drawWithSeed', () => {
  it('draws the same schedule from the same seed, and another from another seed', () => {
    expect(drawWithSeed(arbSchedule(50), 7)).toEqual(drawWithSeed(arbSchedule(50), 7));
    expect(drawWithSeed(arbSchedule(50), 7)).not.toEqual(drawWithSeed(arbSchedule(50), 8));
  });
});

describe('arbSchedule', () => {
  it('has exactly the steps asked for, each pause and stall within its bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer(), (steps, seed) => {
        const schedule = drawWithSeed(arbSchedule(steps), seed);
        expect(schedule).toHaveLength(steps);
        for (const step of schedule) {
          expect(step.pauseMs).toBeGreaterThanOrEqual(0);
          expect(step.pauseMs).toBeLessThanOrEqual(MAX_PAUSE_MS);
          if (step.kind === 'stall') {
            expect(step.forSteps).toBeGreaterThanOrEqual(1);
            expect(step.forSteps).toBeLessThanOrEqual(MAX_STALL_STEPS);
          }
        }
      }),
    );
  });

  it('a run of 400 steps holds every fault and every action', () => {
    const kinds = new Set(drawWithSeed(arbSchedule(400), 1).map((step) => step.kind));
    expect([...kinds].sort()).toEqual(
      [...FAULT_KINDS, 'signal', 'acknowledge', 'answer', 'tick'].sort(),
    );
  });

  it('mostly acts: faults are the exception', () => {
    const schedule = drawWithSeed(arbSchedule(400), 2);
    const faults = schedule.filter(isFault).length;
    expect(faults).toBeGreaterThan(0);
    expect(faults).toBeLessThan(schedule.length / 2);
  });
});

describe('seedFromEnv and countFromEnv', () => {
  it.each([
    ['42', 42],
    ['-3', -3],
  ])('a seed of %j replays seed %d', (raw, seed) => {
    vi.stubEnv('TEST_SEED', raw);
    expect(seedFromEnv('TEST_SEED')).toBe(seed);
  });

  it('no seed given: a fresh integer seed', () => {
    vi.stubEnv('TEST_SEED', '');
    expect(Number.isSafeInteger(seedFromEnv('TEST_SEED'))).toBe(true);
  });

  it.each(['x', '1.5', '1e400'])('a seed of %j is refused', (raw) => {
    vi.stubEnv('TEST_SEED', raw);
    expect(() => seedFromEnv('TEST_SEED')).toThrow(/TEST_SEED must be an integer/);
  });

  it.each([
    ['', 400],
    ['1', 1],
    ['2500', 2500],
  ])('a count of %j is %d', (raw, count) => {
    vi.stubEnv('TEST_STEPS', raw);
    expect(countFromEnv('TEST_STEPS', 400)).toBe(count);
  });

  it.each(['0', '-1', '2.5', 'many'])('a count of %j is refused', (raw) => {
    vi.stubEnv('TEST_STEPS', raw);
    expect(() => countFromEnv('TEST_STEPS', 400)).toThrow(/TEST_STEPS must be a positive integer/);
  });
});
