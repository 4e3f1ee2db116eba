import { atom } from 'nanostores';

/**
 * True while an alert covers the screen. A new version is never applied then: the reload would
 * take the alert off the screen before it was answered. Set by use-alert-title.ts (the one place
 * that knows an alert is showing, on every screen that has one); read by the update banner.
 */
export const $alertShowing = atom(false);

/**
 * Sets the gate to `showing` for as long as the caller's effect lives, for `useEffect`:
 * the cleanup opens it again, so a screen that goes away with its alert does not hold it shut.
 */
export function gateUpdates(showing: boolean): () => void {
  $alertShowing.set(showing);
  return () => {
    $alertShowing.set(false);
  };
}
