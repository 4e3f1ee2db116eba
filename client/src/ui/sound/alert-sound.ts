import type { TonePattern } from './tones.ts';

/**
 * The one AudioContext the app plays alerts through, made lazily. Browsers start audio only after
 * a person's gesture, so the context is made (or resumed) inside a tap: the "Sound" switch, "Test
 * alerts", or any tap once sound is on (unlockOnNextGesture). Where Web Audio is missing, or the
 * browser says no, nothing plays and nothing else changes: the alert still shows and buzzes.
 */

type AudioContextClass = new () => AudioContext;

function audioContextClass(): AudioContextClass | null {
  if (typeof window === 'undefined') return null;
  // Older Safari has only the prefixed name; some browsers (or settings) have neither.
  const scope = window as unknown as {
    AudioContext?: AudioContextClass;
    webkitAudioContext?: AudioContextClass;
  };
  return scope.AudioContext ?? scope.webkitAudioContext ?? null;
}

let context: AudioContext | null = null;

/** Whether this browser can play sound at all. */
export const soundAvailable = (): boolean => audioContextClass() !== null;

/** Makes (once) and resumes the AudioContext. Call it from a gesture's handler. */
export function unlockSound(): void {
  const Context = audioContextClass();
  if (Context === null) return;
  try {
    context ??= new Context();
    if (context.state === 'suspended') context.resume().catch(() => undefined);
  } catch {
    // The browser would not make one (too many contexts, a policy): alerts stay silent.
    context = null;
  }
}

let listening = false;

/**
 * Unlocks sound on the next tap or key anywhere on the page, once: after a reload the setting is
 * still on, but the browser wants a fresh gesture before it plays.
 */
export function unlockOnNextGesture(wanted: () => boolean): void {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  const unlock = () => {
    if (!wanted()) return;
    unlockSound();
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('keydown', unlock, true);
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
}

/** Seconds each note fades in and out over, so it starts and stops without a click. */
const FADE_S = 0.01;

/** Plays one round of `pattern` now. Returns what stops it early (the alert was answered). */
export function playTones(pattern: TonePattern): () => void {
  // Made here too when no tap made it yet: a browser that saw a gesture on this page lets it play.
  if (context === null) unlockSound();
  const audio = context;
  if (audio === null) return () => undefined;
  const playing: OscillatorNode[] = [];
  try {
    const now = audio.currentTime;
    for (const note of pattern.notes) {
      const start = now + note.startMs / 1000;
      const end = start + note.durationMs / 1000;
      const oscillator = audio.createOscillator();
      oscillator.type = 'sine';
      oscillator.frequency.value = note.frequencyHz;
      const volume = audio.createGain();
      volume.gain.setValueAtTime(0, start);
      volume.gain.linearRampToValueAtTime(pattern.gain, start + FADE_S);
      volume.gain.setValueAtTime(pattern.gain, end - FADE_S);
      volume.gain.linearRampToValueAtTime(0, end);
      oscillator.connect(volume);
      volume.connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(end);
      playing.push(oscillator);
    }
  } catch {
    // A half-built round is stopped below like any other.
  }
  return () => {
    for (const oscillator of playing) {
      try {
        oscillator.stop();
        oscillator.disconnect();
      } catch {
        // Already stopped.
      }
    }
  };
}
