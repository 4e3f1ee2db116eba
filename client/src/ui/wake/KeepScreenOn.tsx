import { useStore } from '@nanostores/react';
import { useState } from 'react';
import { browserStorage } from '../../room/storage.ts';
import { wakeText } from '../text/wake.ts';
import { useScreenWakeLock } from './use-screen-wake-lock.ts';
import { readKeepScreenOn, rememberKeepScreenOn, showsWakeLockRefusal } from './wake-lock.ts';
import './keep-screen-on.css';

/**
 * The "Keep screen on" switch shown while the session runs. The choice is remembered on this
 * phone; when the platform refuses the lock (or has none) the phone says so, and all else works.
 */
export function KeepScreenOn() {
  const t = useStore(wakeText);
  const storage = browserStorage();
  const [chosen, setChosen] = useState(() => readKeepScreenOn(storage));
  const outcome = useScreenWakeLock(chosen);

  const choose = (on: boolean) => {
    setChosen(on);
    rememberKeepScreenOn(storage, on);
  };

  return (
    <div className="keep-awake">
      <label className="keep-awake__field">
        <input
          type="checkbox"
          role="switch"
          className="keep-awake__switch"
          checked={chosen}
          aria-describedby="keep-awake-hint"
          onChange={(event) => choose(event.currentTarget.checked)}
        />
        <span className="keep-awake__label">{t.keepScreenOn}</span>
      </label>
      <p id="keep-awake-hint" className="keep-awake__hint">
        {t.hint}
      </p>
      <div role="status" aria-live="polite" className="keep-awake__status">
        {showsWakeLockRefusal(chosen, outcome) && (
          <p className="keep-awake__refused">{t.refused}</p>
        )}
      </div>
    </div>
  );
}
