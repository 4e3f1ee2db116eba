/// <reference lib="webworker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { clickAction } from './notification-click.ts';
import { openPush } from './open-push.ts';

declare const self: ServiceWorkerGlobalScope & {
  readonly __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0];
};

/**
 * The service worker: the app opens offline (the whole built client precached), and a push from
 * the server (push-payload.ts) becomes a neutral notification that opens the room on a tap.
 *
 * Updates: a new worker installs and then waits; it takes over only when the person taps "Reload
 * to update" (client/src/pwa/register.ts sends SKIP_WAITING), never by itself, so an open room is
 * never reloaded under someone.
 */

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// A room is a fragment on "/", but any other page address opens the app too. Never answered
// here: the socket (long-polling included) and the server's own paths.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/socket\.io\//, /^\/healthz/, /^\/api\//],
  }),
);
// The first worker controls the page it was installed from (nothing older to clash with).
clientsClaim();

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});

self.addEventListener('push', (event) => {
  event.waitUntil(showPush(event.data));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openRoom(addressOf(event.notification.data)));
});

async function showPush(data: PushMessageData | null): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const shown = await openPush(data, windows, self.indexedDB);
  if (shown === null) return;
  await self.registration.showNotification(shown.title, shown.options);
}

async function openRoom(address: string | null): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const action = clickAction(windows, address);
  switch (action.type) {
    case 'focus':
      await windows[action.index]?.focus();
      return;
    case 'open':
      await self.clients.openWindow(action.url);
      return;
  }
}

function addressOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('address' in data)) return null;
  return typeof data.address === 'string' ? data.address : null;
}
