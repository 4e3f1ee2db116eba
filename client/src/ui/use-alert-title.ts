import { useEffect } from 'react';
import { gateUpdates } from '../pwa/alert-gate.ts';
import { alertTitle } from './text.ts';

/**
 * While an alert waits, the tab's title says so, neutrally, so a person in another tab (or looking
 * at the tab strip) sees that Tandem wants them, and a stranger learns nothing more. The title
 * the page had comes back once the alert is answered or the screen goes.
 */
export function useAlertTitle(waiting: boolean): void {
  // No new version is applied while an alert shows (the reload would take it off the screen).
  useEffect(() => gateUpdates(waiting), [waiting]);
  useEffect(() => {
    if (!waiting) return undefined;
    const before = document.title;
    document.title = alertTitle;
    return () => {
      document.title = before;
    };
  }, [waiting]);
}
