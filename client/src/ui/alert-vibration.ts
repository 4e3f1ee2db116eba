import type { SignalKind } from '../../../shared/signals.ts';

/**
 * How an alert buzzes, where the Vibration API exists: a pattern per signal, so a Pause can be
 * told from a Check in without looking; repeated until the alert is answered, and more insistent
 * (longer, twice as often) once it has waited INSISTENT_AFTER_MS unseen.
 */
export type AlertTone = SignalKind | 'round';

const PATTERNS = {
  pause: [700, 200, 700, 200, 700],
  slow_down: [400, 200, 400],
  check_in: [150, 100, 150, 100, 150],
  round: [150, 100, 150, 100, 150],
} as const satisfies Record<AlertTone, readonly number[]>;

export const INSISTENT_AFTER_MS = 10_000;

export interface Buzz {
  readonly pattern: readonly number[];
  /** How long until it buzzes again. */
  readonly repeatMs: number;
}

/** The buzz for `tone` once the alert has waited `elapsedMs`. */
export function alertBuzz(tone: AlertTone, elapsedMs: number): Buzz {
  const pattern = PATTERNS[tone];
  if (elapsedMs < INSISTENT_AFTER_MS) return { pattern, repeatMs: 8_000 };
  return { pattern: [...pattern, 200, ...pattern], repeatMs: 4_000 };
}
