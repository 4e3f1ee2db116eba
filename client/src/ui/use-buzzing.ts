import { useEffect, useState } from 'react';
import { alertBuzz, INSISTENT_AFTER_MS } from './alert-vibration.ts';
import type { AlertTone } from './alert-vibration.ts';
import { playTones } from './sound/alert-sound.ts';
import { soundOn } from './sound/sound-setting.ts';
import { alertTones } from './sound/tones.ts';

/**
 * Buzzes for the alert `key` until it goes (alert-vibration.ts), plays its tones with each buzz
 * where the person turned "Sound" on (sound/tones.ts: the same timing), and says when it has
 * turned insistent, so the screen can too. One timer loop for both, so they never drift apart.
 */
export function useBuzzing(key: string, tone: AlertTone): boolean {
  const [insistentKey, setInsistentKey] = useState<string | null>(null);
  useEffect(() => {
    const shownAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopTones: () => void = () => undefined;
    const buzz = () => {
      const elapsed = Date.now() - shownAt;
      const { pattern, repeatMs } = alertBuzz(tone, elapsed);
      if ('vibrate' in navigator) navigator.vibrate([...pattern]);
      // Read at every round: the setting may have changed on another screen since the alert came.
      if (soundOn()) {
        stopTones();
        stopTones = playTones(alertTones(tone, elapsed));
      }
      // The first repeat after the alert turns insistent is at INSISTENT_AFTER_MS exactly.
      const next =
        elapsed < INSISTENT_AFTER_MS ? Math.min(repeatMs, INSISTENT_AFTER_MS - elapsed) : repeatMs;
      timer = setTimeout(buzz, next);
    };
    buzz();
    const insist = setTimeout(() => {
      setInsistentKey(key);
    }, INSISTENT_AFTER_MS);
    return () => {
      clearTimeout(timer);
      clearTimeout(insist);
      if ('vibrate' in navigator) navigator.vibrate(0);
      stopTones();
    };
  }, [key, tone]);
  return insistentKey === key;
}
