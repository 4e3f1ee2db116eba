import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertBuzz, INSISTENT_AFTER_MS } from '../../../../client/src/ui/alert-vibration.ts';
import type { AlertTone } from '../../../../client/src/ui/alert-vibration.ts';
import { alertTones, CALM_GAIN, INSISTENT_GAIN } from '../../../../client/src/ui/sound/tones.ts';
import type { TonePattern } from '../../../../client/src/ui/sound/tones.ts';

const TONES: readonly AlertTone[] = ['pause', 'slow_down', 'check_in', 'round'];
const arbTone = fc.constantFrom(...TONES);
const arbElapsed = fc.integer({ min: 0, max: 3_600_000 });

/** How long the notes last in all, from the first start to the last end. */
const span = ({ notes }: TonePattern) =>
  Math.max(...notes.map((note) => note.startMs + note.durationMs));

describe('alertTones: tables', () => {
  it.each<[AlertTone, readonly number[]]>([
    // Pause: three long notes, one steady pitch.
    ['pause', [660, 660, 660]],
    // Slow down: two notes, falling.
    ['slow_down', [660, 494]],
    // A check-in (and a regular round): three short notes, rising like a question.
    ['check_in', [587, 880, 587]],
    ['round', [587, 880, 587]],
  ])('%s plays %j at first', (tone, pitches) => {
    expect(alertTones(tone, 0).notes.map((note) => note.frequencyHz)).toEqual(pitches);
  });

  it('plays Pause on the buzz: 700 ms notes with 200 ms between', () => {
    expect(alertTones('pause', 0).notes).toEqual([
      { startMs: 0, durationMs: 700, frequencyHz: 660 },
      { startMs: 900, durationMs: 700, frequencyHz: 660 },
      { startMs: 1800, durationMs: 700, frequencyHz: 660 },
    ]);
  });

  it.each([
    [0, CALM_GAIN, 8_000],
    [INSISTENT_AFTER_MS - 1, CALM_GAIN, 8_000],
    [INSISTENT_AFTER_MS, INSISTENT_GAIN, 4_000],
    [60_000, INSISTENT_GAIN, 4_000],
  ])('after %d ms: gain %d, again in %d ms', (elapsed, gain, repeatMs) => {
    expect(alertTones('slow_down', elapsed)).toMatchObject({ gain, repeatMs });
  });

  it('sounds each signal apart from the others', () => {
    const [pause, slow, check] = (['pause', 'slow_down', 'check_in'] as const).map((tone) =>
      JSON.stringify(alertTones(tone, 0).notes),
    );
    expect(new Set([pause, slow, check]).size).toBe(3);
  });
});

describe('alertTones: properties', () => {
  it('keeps the buzz’s timing: one note per buzz, at the same moments, repeating with it', () => {
    fc.assert(
      fc.property(arbTone, arbElapsed, (tone, elapsed) => {
        const buzz = alertBuzz(tone, elapsed);
        const tones = alertTones(tone, elapsed);
        expect(tones.repeatMs).toBe(buzz.repeatMs);
        // The buzz's "on" steps, as far as the next round lets them play.
        const onSteps: number[] = [];
        let at = 0;
        buzz.pattern.forEach((step, i) => {
          if (i % 2 === 0 && at < buzz.repeatMs) onSteps.push(Math.min(step, buzz.repeatMs - at));
          at += step;
        });
        expect(tones.notes.map((note) => note.durationMs)).toEqual(onSteps);
        expect(span(tones)).toBe(Math.min(at, buzz.repeatMs));
      }),
    );
  });

  it('notes are in order, never overlap, and end by the time the next round starts', () => {
    // An insistent Pause's buzz outlasts its repeat; its tones stop where the next round starts.
    fc.assert(
      fc.property(arbTone, arbElapsed, (tone, elapsed) => {
        const tones = alertTones(tone, elapsed);
        tones.notes.forEach((note, i) => {
          const next = tones.notes[i + 1];
          if (next !== undefined)
            expect(next.startMs).toBeGreaterThan(note.startMs + note.durationMs - 1);
          expect(note.durationMs).toBeGreaterThan(0);
          expect(note.frequencyHz).toBeGreaterThan(200);
        });
        expect(span(tones)).toBeLessThanOrEqual(tones.repeatMs);
      }),
    );
  });

  it('grows insistent after 10 s unseen: louder, longer, more often', () => {
    fc.assert(
      fc.property(
        arbTone,
        fc.integer({ min: 0, max: INSISTENT_AFTER_MS - 1 }),
        fc.integer({ min: INSISTENT_AFTER_MS, max: 3_600_000 }),
        (tone, early, late) => {
          const calm = alertTones(tone, early);
          const insistent = alertTones(tone, late);
          expect(insistent.gain).toBeGreaterThan(calm.gain);
          expect(insistent.notes.length).toBeGreaterThan(calm.notes.length);
          expect(insistent.repeatMs).toBeLessThan(calm.repeatMs);
          expect(insistent.gain).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
