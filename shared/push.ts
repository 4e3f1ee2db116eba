import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';

/**
 * Web Push: how a phone whose app is in the background or closed is still reached (RFC 8030
 * delivery, RFC 8291 payload encryption, RFC 8292 VAPID). The push service and the server learn
 * no more than the server already does: the payload of an urgent envelope is that envelope as
 * stored (sealed with the room key), and the push service sees only RFC 8291 ciphertext of it.
 */

const base64url = (min: number, max: number) =>
  z.string().check(z.minLength(min), z.maxLength(max), z.regex(/^[A-Za-z0-9_-]+$/));

/** The server's VAPID public key: an uncompressed P-256 point (65 bytes), base64url. */
export const VapidPublicKey = base64url(87, 87);

/**
 * A browser's push subscription (`PushSubscription.toJSON()` without `expirationTime`): where to
 * send, and the keys its payload is encrypted to. The server refuses endpoints outside its
 * allowlist of push services (PUSH_SERVICE_HOSTS), so a phone cannot make it post anywhere else.
 */
export const PushSubscriptionJson = z.strictObject({
  endpoint: z.string().check(z.minLength(12), z.maxLength(LIMITS.maxPushEndpointChars)),
  keys: z.strictObject({
    /** The subscription's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url(87, 87),
    /** The 16-byte authentication secret. */
    auth: base64url(22, 22),
  }),
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJson>;

/** At most this many follow-up wakes per seat (day 1, day 3, day 7). */
export const MAX_WAKES = 3;

/** A moment, epoch milliseconds. */
const EpochMs = z.int().check(z.minimum(0));

/**
 * `push:subscribe`: keep this subscription with the caller's seat (replacing any before), or
 * forget it (`null`: the person turned notifications off, or the browser dropped it).
 */
export const PushSubscribeRequest = z.strictObject({
  subscription: z.nullable(PushSubscriptionJson),
});

/**
 * `push:wake`: the moments the caller's phone wants a wake push for its follow-up check-ins,
 * replacing any before (an empty list cancels them). Sent only while the seat has a subscription;
 * the server learns these times and nothing about what is due then.
 */
export const PushWakeRequest = z.strictObject({
  at: z.array(EpochMs).check(z.maxLength(MAX_WAKES)),
});

/**
 * `phone:visibility`: whether this connection's page is hidden (screen off, app in the
 * background). An urgent envelope for a seat whose every connection is hidden is also pushed,
 * since a hidden page's socket may be frozen at any moment.
 */
export const VisibilityRequest = z.strictObject({ hidden: z.boolean() });

/** How long a push service should try to deliver an urgent push: after this it is stale. */
export const URGENT_PUSH_TTL_SECONDS = 60;
/** A follow-up wake may arrive later and still be useful. */
export const WAKE_PUSH_TTL_SECONDS = 6 * 60 * 60;
