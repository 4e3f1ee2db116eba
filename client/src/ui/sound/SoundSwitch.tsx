import { useStore } from '@nanostores/react';
import { useEffect, useId } from 'react';
import { readyText } from '../text/ready.ts';
import { soundAvailable, unlockOnNextGesture, unlockSound } from './alert-sound.ts';
import { setSoundOn, soundOn, useSoundOn } from './sound-setting.ts';
import './sound.css';

/**
 * The "Sound" switch: off until the person turns it on, remembered on this phone. Turning it on
 * is a tap, so it also unlocks the browser's audio; after a reload the next tap anywhere does.
 */
export function SoundSwitch() {
  const t = useStore(readyText);
  const on = useSoundOn();
  const hintId = useId();
  const available = soundAvailable();
  useEffect(() => {
    unlockOnNextGesture(soundOn);
  }, []);

  return (
    <div className="sound-setting">
      <label className="sound-setting__field">
        <input
          type="checkbox"
          role="switch"
          className="sound-setting__switch"
          checked={on}
          aria-describedby={hintId}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            if (next) unlockSound();
            setSoundOn(next);
          }}
        />
        <span className="sound-setting__label">{t.soundLabel}</span>
      </label>
      <p id={hintId} className="sound-setting__hint">
        {available ? t.soundHint : t.soundUnavailableHint}
      </p>
    </div>
  );
}
