import { useEffect, useState } from 'react';
import { useVisibleAgain } from '../before/use-visible-again.ts';
import type { RequestScreenWakeLock } from './wake-lock-keeper.ts';
import { WakeLockKeeper } from './wake-lock-keeper.ts';
import type { WakeLockOutcome } from './wake-lock.ts';
import { shouldHoldWakeLock } from './wake-lock.ts';

/** The platform's request, or null where the browser has no Screen Wake Lock API. */
function platformRequest(): RequestScreenWakeLock {
  if (!('wakeLock' in navigator)) return null;
  return () => navigator.wakeLock.request('screen');
}

/**
 * Holds a screen wake lock while `chosen` and the page is visible, for as long as the calling
 * component is mounted (the session panel, so: while the session runs). Asks again each time the
 * page becomes visible, since the platform releases the lock when it is hidden.
 */
export function useScreenWakeLock(chosen: boolean): WakeLockOutcome {
  const [outcome, setOutcome] = useState<WakeLockOutcome>('idle');
  const [keeper] = useState(() => new WakeLockKeeper(platformRequest(), setOutcome));
  const looks = useVisibleAgain();

  useEffect(() => {
    keeper.want(shouldHoldWakeLock(chosen, document.visibilityState === 'visible'));
  }, [keeper, chosen, looks]);

  useEffect(() => {
    const lookedAway = () => {
      if (document.visibilityState === 'hidden') keeper.want(false);
    };
    document.addEventListener('visibilitychange', lookedAway);
    return () => {
      document.removeEventListener('visibilitychange', lookedAway);
      // Unmounted (the session ended, or the room closed): nothing keeps the screen on any more.
      keeper.want(false);
    };
  }, [keeper]);

  return outcome;
}
