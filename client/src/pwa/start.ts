import { whenIdle } from '../idle/when-idle.ts';

/**
 * The only part of the service worker code in the first load: everything else (workbox-window,
 * the update banner) is fetched once the page has loaded, so it neither delays the first paint
 * nor counts against the JavaScript budget. The worker itself is only in production builds.
 */
const supported = (): boolean => import.meta.env.PROD && 'serviceWorker' in navigator;

/**
 * Registers the service worker once the page has loaded and the browser is idle (for `useEffect`
 * in the app's root). On an invite link the page's load comes before the room has opened: the
 * worker's chunk, its evaluation and the precache it starts would compete with the join.
 */
export function startServiceWorker(): void {
  if (!supported()) return;
  const register = () => {
    import('./register.ts').then(
      (module) => {
        module.register();
      },
      () => undefined, // Out of reach: the next load tries again.
    );
  };
  const registerWhenIdle = () => {
    whenIdle(register);
  };
  if (document.readyState === 'complete') registerWhenIdle();
  else window.addEventListener('load', registerWhenIdle, { once: true });
}

/**
 * Reloads into the newest version. With a service worker a plain reload could be answered from
 * the old precache, so a new worker is looked for and activated first (newest.ts).
 */
export function reloadToNewest(): void {
  if (!supported() || navigator.serviceWorker.controller === null) {
    window.location.reload();
    return;
  }
  import('./newest.ts').then(
    (module) => module.reloadIntoNewest(),
    () => {
      window.location.reload();
    },
  );
}
