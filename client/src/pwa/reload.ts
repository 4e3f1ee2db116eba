import { $alertShowing } from './alert-gate.ts';

/**
 * Reloads the page, but never from under an alert: if one is showing (it came in while the new
 * worker was taking over), the reload waits until it has been answered.
 */
export function reloadWhenNoAlert(): void {
  if (!$alertShowing.get()) {
    window.location.reload();
    return;
  }
  const stop = $alertShowing.listen((showing) => {
    if (showing) return;
    stop();
    window.location.reload();
  });
}
