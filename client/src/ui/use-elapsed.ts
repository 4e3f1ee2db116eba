import { useEffect, useState } from 'react';

/**
 * Whether `ms` have passed since `key` (say, a signal id) first appeared on this screen. Measured
 * on this phone's clock from when it saw the thing, so a skewed server clock cannot mislead it.
 */
export function useElapsed(key: string | null, ms: number): boolean {
  const [elapsedFor, setElapsedFor] = useState<string | null>(null);
  useEffect(() => {
    if (key === null) return undefined;
    const timer = setTimeout(() => {
      setElapsedFor(key);
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  }, [key, ms]);
  return key !== null && elapsedFor === key;
}
