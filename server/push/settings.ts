import type { VapidKeys } from '../store/push-store.ts';

/** What the push settings are read from (config.ts). */
export interface PushConfig {
  readonly VAPID_PUBLIC_KEY?: string | undefined;
  readonly VAPID_PRIVATE_KEY?: string | undefined;
  readonly VAPID_SUBJECT: string;
  readonly PUSH_SERVICE_HOSTS: readonly string[];
}

/** How this server sends Web Push (README: Push). Absent from the app's options: push is off. */
export interface PushSettings {
  /** The VAPID `sub`: a mailto: or https: URL the push services may contact. */
  readonly subject: string;
  /** A key pair from the environment; null: made on first start and kept with the store. */
  readonly keys: VapidKeys | null;
  /**
   * Push services the server will POST to (PUSH_SERVICE_HOSTS): a host matches itself and its
   * subdomains. https only, except a loopback host listed here, which may be http (tests).
   */
  readonly serviceHosts: readonly string[];
  /** How often due wakes are looked for. */
  readonly wakeIntervalMs?: number;
  readonly delivery?: Partial<DeliverySettings>;
}

export interface DeliverySettings {
  /** A push service that has not answered by then is a failed attempt. */
  readonly timeoutMs: number;
  /** Attempts per push in all, the first included (network errors, 429 and 5xx are retried). */
  readonly attempts: number;
  /** The wait before the first retry; doubled for each one after, up to maxDelayMs. */
  readonly baseDelayMs: number;
  /** The longest wait between attempts, whatever Retry-After asks. */
  readonly maxDelayMs: number;
  /** Pushes in flight at once in this process; the rest wait their turn. */
  readonly concurrency: number;
  /** Pushes waiting beyond this many are dropped (logged): a backlog is already stale. */
  readonly maxQueued: number;
}

export const DEFAULT_DELIVERY: DeliverySettings = {
  timeoutMs: 5_000,
  attempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  concurrency: 16,
  maxQueued: 1_000,
};

export const DEFAULT_WAKE_INTERVAL_MS = 30_000;

/** The push services browsers use today: Chrome/Edge (FCM), Firefox, Safari, Windows (WNS). */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'push.apple.com',
  'notify.windows.com',
] as const;

/** Apple refuses a VAPID subject naming localhost: a neutral mailto: unless configured. */
export const DEFAULT_VAPID_SUBJECT = 'mailto:push@tandem.invalid';

export function pushSettingsOf(config: PushConfig): PushSettings {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = config;
  return {
    subject: config.VAPID_SUBJECT,
    keys: publicKey === undefined || privateKey === undefined ? null : { publicKey, privateKey },
    serviceHosts: config.PUSH_SERVICE_HOSTS,
  };
}
