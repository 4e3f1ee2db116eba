import { Workbox } from 'workbox-window';
import { $alertShowing } from './alert-gate.ts';
import { mountUpdateBanner } from './mount-banner.tsx';
import { reloadWhenNoAlert } from './reload.ts';
import { $update } from './update-state.ts';

let registered = false;

/**
 * Registers the service worker (vite-plugin-pwa's generateSW, registerType 'prompt'). A new
 * version installs in the background and then waits; the banner offers it, and only a tap
 * applies it: the worker is told to skip waiting, and the page reloads once it controls it.
 */
export function register(): void {
  if (registered) return;
  registered = true;
  const workbox = new Workbox('/sw.js', { scope: '/' });

  const apply = (): boolean => {
    if ($alertShowing.get()) return false;
    $update.set({ kind: 'applying' });
    workbox.addEventListener('controlling', reloadWhenNoAlert);
    workbox.messageSkipWaiting();
    return true;
  };
  // Also fired at once for a worker that was already waiting from an earlier visit.
  workbox.addEventListener('waiting', () => {
    $update.set({ kind: 'waiting', apply });
    mountUpdateBanner();
  });
  workbox.register().catch(() => undefined);

  // A phone may keep the app open for hours: look for a new version whenever it comes back to
  // the screen, not only on the browser's own schedule.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') workbox.update().catch(() => undefined);
  });
}
