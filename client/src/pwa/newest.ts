import { reloadWhenNoAlert } from './reload.ts';

/** The message vite-plugin-pwa's worker answers with skipWaiting() (what messageSkipWaiting sends). */
const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

/**
 * For "Tandem was updated — reload": the server already runs a newer build, so its worker is
 * fetched now (not on the browser's schedule), and once installed it takes over before the
 * reload; a plain reload would be answered by the old worker from its precache. Without a new
 * worker (the same build, or out of reach) it is a plain reload.
 */
export async function reloadIntoNewest(): Promise<void> {
  const worker = await newestWorker();
  if (worker === null || navigator.serviceWorker.controller === worker) {
    reloadWhenNoAlert();
    return;
  }
  navigator.serviceWorker.addEventListener('controllerchange', reloadWhenNoAlert, { once: true });
  worker.postMessage(SKIP_WAITING);
}

/** The registration's new worker once installed, or null when there is none or it failed. */
async function newestWorker(): Promise<ServiceWorker | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  if (registration === undefined) return null;
  await registration.update().catch(() => undefined);
  const worker = registration.waiting ?? registration.installing;
  return worker === null ? null : installed(worker);
}

function installed(worker: ServiceWorker): Promise<ServiceWorker | null> {
  return new Promise((resolve) => {
    const settle = (): boolean => {
      switch (worker.state) {
        case 'installed':
        case 'activating':
        case 'activated':
          resolve(worker);
          return true;
        case 'redundant':
          resolve(null);
          return true;
        case 'parsed':
        case 'installing':
          return false;
      }
    };
    if (settle()) return;
    const onChange = () => {
      if (settle()) worker.removeEventListener('statechange', onChange);
    };
    worker.addEventListener('statechange', onChange);
  });
}
