import { useEffect, useState } from 'react';

/**
 * True while `active`, and for `ms` after it turns false. Used to keep the signal dock from taking
 * the second tap of a double tap that dismissed an alert: "Got it" sits where Pause does.
 */
export function useHold(active: boolean, ms: number): boolean {
  const [held, setHeld] = useState(false);
  const [wasActive, setWasActive] = useState(active);
  if (wasActive !== active) {
    // Adjusting state during render when an input changes, as React recommends over an effect.
    setWasActive(active);
    setHeld(!active);
  }
  useEffect(() => {
    if (!held) return undefined;
    const timer = setTimeout(() => {
      setHeld(false);
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  }, [held, ms]);
  return active || held;
}
