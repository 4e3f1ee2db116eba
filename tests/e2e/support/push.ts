import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { TestSubscription } from '../../support/push-service.ts';
import { expect } from './fixtures.ts';

/**
 * Headless Chromium reaches no real push service, so `PushManager.subscribe` is replaced before
 * any page script runs: it hands back a subscription-shaped object whose endpoint and keys are the
 * local push service's (tests/support/push-service.ts), made with the server key the page asked
 * for. It is kept in localStorage, so a reload finds it as a browser would.
 */
export async function stubPushManager(
  context: BrowserContext,
  subscription: TestSubscription,
): Promise<void> {
  await context.addInitScript((json) => {
    const KEY = 'test.pushSubscription';
    const bytes = (text: string) => {
      const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
      return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
    };
    const made = (serverKey: string) => ({
      endpoint: json.endpoint,
      options: { applicationServerKey: bytes(serverKey), userVisibleOnly: true },
      getKey: (name: 'p256dh' | 'auth') => bytes(json.keys[name]),
      toJSON: () => json,
      unsubscribe: () => {
        localStorage.removeItem(KEY);
        return Promise.resolve(true);
      },
    });
    const toText = (key: BufferSource) => {
      const view =
        key instanceof ArrayBuffer
          ? new Uint8Array(key)
          : new Uint8Array(key.buffer, key.byteOffset, key.byteLength);
      return btoa(String.fromCharCode(...view))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    };
    if (typeof PushManager === 'undefined') return;
    PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
      const key = options?.applicationServerKey;
      if (key == null || typeof key === 'string') return Promise.reject(new Error('no key'));
      localStorage.setItem(KEY, toText(key));
      return Promise.resolve(made(toText(key)) as unknown as PushSubscription);
    };
    PushManager.prototype.getSubscription = function () {
      const key = localStorage.getItem(KEY);
      return Promise.resolve(key === null ? null : (made(key) as unknown as PushSubscription));
    };
  }, subscription.json);
}

/** The DevTools protocol's view of a page's service worker: what delivering a push needs. */
export async function serviceWorkerSession(
  page: Page,
): Promise<{ readonly session: CDPSession; readonly registrationId: () => Promise<string> }> {
  const session = await page.context().newCDPSession(page);
  const ids: string[] = [];
  session.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
    for (const registration of registrations) {
      if (!registration.isDeleted) ids.push(registration.registrationId);
    }
  });
  await session.send('ServiceWorker.enable');
  const registrationId = async () => {
    await expect.poll(() => ids.length).toBeGreaterThan(0);
    return ids.at(-1) ?? '';
  };
  return { session, registrationId };
}

/** Hands `payload` to the page's service worker as the push service would (its `push` event). */
export async function deliverPush(page: Page, payload: unknown): Promise<void> {
  const { session, registrationId } = await serviceWorkerSession(page);
  await session.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(page.url()).origin,
    registrationId: await registrationId(),
    data: JSON.stringify(payload),
  });
}

/** The notifications the page's service worker shows now. */
export function shownNotifications(
  page: Page,
): Promise<{ title: string; body: string; tag: string }[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const shown = await registration.getNotifications();
    return shown.map(({ title, body, tag }) => ({ title, body, tag }));
  });
}
