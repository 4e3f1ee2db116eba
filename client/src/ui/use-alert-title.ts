import { useEffect } from 'react';
import { alertTitle } from './text.ts';

/**
 * While an alert waits, the tab's title says so, neutrally, so a person in another tab (or looking
 * at the tab strip) sees that Tandem wants them, and a stranger learns nothing more. The title
 * the page had comes back once the alert is answered or the screen goes.
 */
export function useAlertTitle(waiting: boolean): void {
  useEffect(() => {
    if (!waiting) return undefined;
    const before = document.title;
    document.title = alertTitle;
    return () => {
      document.title = before;
    };
  }, [waiting]);
}
