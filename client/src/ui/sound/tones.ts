import { alertBuzz, INSISTENT_AFTER_MS } from '../alert-vibration.ts';
import type { AlertTone } from '../alert-vibration.ts';

/**
 * How an alert sounds, where the person turned "Sound" on: one tone for each buzz of the
 * vibration pattern (alert-vibration.ts), at the same moments, so sound and buzz say the same
 * thing; a pitch line per signal, so a Pause can be told from a Check in without looking. It
 * repeats as the buzz does, and once the alert has waited INSISTENT_AFTER_MS unseen it is louder
 * and, like the buzz, longer and twice as often. Pure: the player (alert-sound.ts) only plays it.
 */

export interface Note {
  /** From the start of this round of the pattern. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly frequencyHz: number;
}

export interface TonePattern {
  readonly notes: readonly Note[];
  /** Peak loudness, 0..1, of the browser's output. */
  readonly gain: number;
  /** How long until it plays again: the buzz's own repeat. */
  readonly repeatMs: number;
}

/**
 * The pitches a signal's notes step through, in turn: a steady tone for Pause, a falling pair
 * for Slow down, a rising pair (a question) for a check-in.
 */
const PITCHES = {
  pause: [660],
  slow_down: [660, 494],
  check_in: [587, 880],
  round: [587, 880],
} as const satisfies Record<AlertTone, readonly number[]>;

export const CALM_GAIN = 0.3;
export const INSISTENT_GAIN = 0.6;

/** The tones for `tone` once the alert has waited `elapsedMs`. */
export function alertTones(tone: AlertTone, elapsedMs: number): TonePattern {
  const { pattern, repeatMs } = alertBuzz(tone, elapsedMs);
  const pitches: readonly number[] = PITCHES[tone];
  const notes: Note[] = [];
  let at = 0;
  pattern.forEach((stepMs, index) => {
    // A vibration pattern alternates on and off, starting on: each "on" is a note. The next
    // round cuts a pattern that outlasts its repeat (an insistent Pause), so it stops there.
    const durationMs = Math.min(stepMs, repeatMs - at);
    if (index % 2 === 0 && durationMs > 0) {
      const frequencyHz = pitches[notes.length % pitches.length] ?? pitches[0] ?? 660;
      notes.push({ startMs: at, durationMs, frequencyHz });
    }
    at += stepMs;
  });
  const gain = elapsedMs < INSISTENT_AFTER_MS ? CALM_GAIN : INSISTENT_GAIN;
  return { notes, gain, repeatMs };
}
