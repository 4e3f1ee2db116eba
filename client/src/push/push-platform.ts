/**
 * The browser's Web Push, as the switch (push-switch.ts) uses it: only what it calls, so tests
 * hand in a fake PushManager. `browserPushPlatform()` is null where there is no Web Push at all
 * (no service worker, PushManager or Notification): an iPhone's Safari outside the Home Screen,
 * an old browser, a page over plain http.
 */
export interface PushPlatform {
  readonly permission: () => NotificationPermission;
  /** Must be called within the person's tap: browsers ignore (or refuse) it otherwise. */
  readonly requestPermission: () => Promise<NotificationPermission>;
  /** The push manager of the app's service worker, once it is registered and active. */
  readonly pushManager: () => Promise<PushManagerLike>;
}

export interface PushManagerLike {
  getSubscription(): Promise<PushSubscriptionLike | null>;
  subscribe(options: {
    userVisibleOnly: true;
    applicationServerKey: Uint8Array<ArrayBuffer>;
  }): Promise<PushSubscriptionLike>;
}

export interface PushSubscriptionLike {
  readonly endpoint: string;
  readonly options: { readonly applicationServerKey: ArrayBuffer | null };
  getKey(name: 'p256dh' | 'auth'): ArrayBuffer | null;
  unsubscribe(): Promise<boolean>;
}

export function browserPushPlatform(): PushPlatform | null {
  if (
    typeof window === 'undefined' ||
    !('serviceWorker' in navigator) ||
    !('PushManager' in window) ||
    !('Notification' in window)
  ) {
    return null;
  }
  return {
    permission: () => Notification.permission,
    requestPermission: () => Notification.requestPermission(),
    pushManager: async () => {
      // `ready` never settles without a registration (a development build registers none, a
      // browser may block it): say so rather than wait for ever.
      if ((await navigator.serviceWorker.getRegistration()) === undefined) {
        throw new Error('no service worker');
      }
      return (await navigator.serviceWorker.ready).pushManager;
    },
  };
}

/**
 * An iPhone or iPad whose Safari shows Tandem as a page, not from the Home Screen: Web Push works
 * there only once it is added to the Home Screen (iOS 16.4 and later), so the switch says so.
 */
export function iosOutsideHomeScreen(): boolean {
  if (typeof navigator === 'undefined') return false;
  const ios =
    /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    // iPadOS asks for desktop pages, and says it is a Mac with touch.
    (navigator.userAgent.includes('Macintosh') && navigator.maxTouchPoints > 1);
  const standalone =
    ('standalone' in navigator && navigator.standalone === true) ||
    window.matchMedia('(display-mode: standalone)').matches;
  return ios && !standalone;
}
