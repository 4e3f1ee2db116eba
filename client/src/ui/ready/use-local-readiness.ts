import { useState } from 'react';
import { browserStorage } from '../../room/storage.ts';
import { soundAvailable } from '../sound/alert-sound.ts';
import { useSoundOn } from '../sound/sound-setting.ts';
import { readKeepScreenOn } from '../wake/wake-lock.ts';
import type { ScreenReadiness, SoundReadiness } from './ready-view.ts';
import { screenReadiness } from './ready-view.ts';

/**
 * What only this phone knows: whether its screen will be kept on ("Keep screen on", remembered
 * from the session panel's switch, on by default) and whether its sound is on.
 */
export function useLocalReadiness(): { screen: ScreenReadiness; sound: SoundReadiness } {
  const [screen] = useState(() =>
    screenReadiness(readKeepScreenOn(browserStorage()), 'wakeLock' in navigator),
  );
  const on = useSoundOn();
  const sound: SoundReadiness = !soundAvailable() ? 'unavailable' : on ? 'on' : 'off';
  return { screen, sound };
}
