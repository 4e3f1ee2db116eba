import { useState } from 'react';
import { browserStorage } from '../../room/storage.ts';
import { soundAvailable } from '../sound/alert-sound.ts';
import { useSoundOn } from '../sound/sound-setting.ts';
import { useScreenWakeLock } from '../wake/use-screen-wake-lock.ts';
import { readKeepScreenOn } from '../wake/wake-lock.ts';
import type { ScreenReadiness, SoundReadiness } from './ready-view.ts';
import { screenReadiness } from './ready-view.ts';

/**
 * What only this phone knows: whether its screen is kept on and its sound is on. While the ready
 * check shows, the screen is kept on as "Keep screen on" says (remembered from the session
 * panel's switch, on by default): the phones lie waiting for each other's test, and the row
 * reports the real outcome, refused or not.
 */
export function useLocalReadiness(): { screen: ScreenReadiness; sound: SoundReadiness } {
  const [keepScreenOn] = useState(() => readKeepScreenOn(browserStorage()));
  const outcome = useScreenWakeLock(keepScreenOn);
  const on = useSoundOn();
  const sound: SoundReadiness = !soundAvailable() ? 'unavailable' : on ? 'on' : 'off';
  return { screen: screenReadiness(keepScreenOn, outcome), sound };
}
