import webpush from 'web-push';
import type { PushSubscriptionJson } from '../../shared/push.ts';
import type { VapidKeys } from '../store/push-store.ts';

/** One push as sent to a push service (RFC 8030). */
export interface PushMessage {
  readonly subscription: PushSubscriptionJson;
  /** The plaintext, encrypted to the subscription (RFC 8291) before it leaves. */
  readonly body: string;
  readonly ttlSeconds: number;
  readonly urgency: 'normal' | 'high';
  /** Replaces a message of the same topic the service still holds for the phone. */
  readonly topic?: string;
}

/** What one attempt came to, as the sender's retry rules need it. */
export type AttemptOutcome =
  | { readonly type: 'delivered'; readonly status: number }
  /** 404/410: the subscription is gone for good. */
  | { readonly type: 'gone'; readonly status: number }
  /** Network error, timeout, 429 or 5xx: worth another attempt, after `retryAfterMs` if given. */
  | { readonly type: 'retry'; readonly status: number | null; readonly retryAfterMs: number | null }
  /** Any other answer: this push is refused (a bad request, a bad key), retrying will not help. */
  | { readonly type: 'refused'; readonly status: number };

/**
 * One attempt: web-push makes the request (VAPID JWT, aes128gcm body) and fetch sends it, since
 * web-push's own sender speaks only https and the tests' push service is local http. Redirects
 * are not followed: the endpoint checked against the allowlist is the only place posted to.
 */
export async function attemptPush(
  message: PushMessage,
  vapid: VapidKeys & { readonly subject: string },
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const details = webpush.generateRequestDetails(message.subscription, message.body, {
    vapidDetails: vapid,
    TTL: message.ttlSeconds,
    urgency: message.urgency,
    ...(message.topic === undefined ? {} : { topic: message.topic }),
  });
  let response: Response;
  try {
    response = await fetch(details.endpoint, {
      method: 'POST',
      headers: details.headers,
      body: new Uint8Array(details.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { type: 'retry', status: null, retryAfterMs: null };
  }
  // The body is never needed; reading it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  const { status } = response;
  if (status >= 200 && status < 300) return { type: 'delivered', status };
  if (status === 404 || status === 410) return { type: 'gone', status };
  if (status === 429 || status >= 500) {
    return {
      type: 'retry',
      status,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    };
  }
  return { type: 'refused', status };
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; null if neither. */
function retryAfterMs(value: string | null): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
