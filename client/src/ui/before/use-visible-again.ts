import { useEffect, useState } from 'react';

/**
 * A count that goes up each time the page becomes visible again. Timers depend on it to re-arm:
 * a phone holds a background page's timers back, so one due meanwhile is looked at afresh.
 */
export function useVisibleAgain(): number {
  const [looks, setLooks] = useState(0);
  useEffect(() => {
    const lookAgain = () => {
      if (document.visibilityState === 'visible') setLooks((count) => count + 1);
    };
    document.addEventListener('visibilitychange', lookAgain);
    return () => {
      document.removeEventListener('visibilitychange', lookAgain);
    };
  }, []);
  return looks;
}
