import { useEffect, useState } from 'react';

/**
 * This phone's clock, read again every `periodMs` and whenever the page comes back into view (a
 * phone unlocked the next day): what is due, and how long ago something was, follow it.
 */
export function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => {
      setNow(Date.now());
    };
    const timer = setInterval(tick, periodMs);
    document.addEventListener('visibilitychange', tick);
    window.addEventListener('focus', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
      window.removeEventListener('focus', tick);
    };
  }, [periodMs]);
  return now;
}
