import type { Seat } from '../../shared/ids.ts';
import type { PushSubscriptionJson } from '../../shared/push.ts';
import type { Ended, Moment, RoomNotFound, RoomRef, SeatHolder } from './room-store.ts';

/**
 * What every store keeps for Web Push (server/push/), next to the seats: each seat's push
 * subscription, and the times its phone asked to be woken for follow-ups. Both belong to the seat
 * of one incarnation: they go when the room goes, and only the seat's holder sets them. Like the
 * rest of the store, each method is one atomic step.
 */

export interface SetSubscriptionRequest {
  readonly by: SeatHolder;
  /** Null forgets the seat's subscription, and its wakes with it. */
  readonly subscription: PushSubscriptionJson | null;
  readonly at: Moment;
}

export interface SetWakesRequest {
  readonly by: SeatHolder;
  /** Epoch ms, at most MAX_WAKES; replaces the seat's wakes (empty cancels them). */
  readonly times: readonly number[];
  readonly at: Moment;
}

export type PushWriteOutcome =
  | { readonly status: 'set' }
  /** setWakes on a seat without a subscription: nothing kept, there is nowhere to send them. */
  | { readonly status: 'not_subscribed' }
  | RoomNotFound
  | Ended;

/** A wake that came due, taken from the store: it is sent once, by whoever took it. */
export interface DueWake {
  readonly room: RoomRef;
  readonly seat: Seat;
  readonly subscription: PushSubscriptionJson;
  /** The time asked for, epoch ms. */
  readonly at: number;
}

/** The server's VAPID key pair (RFC 8292), base64url as web-push makes them. */
export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
}

export interface PushStore {
  /** Keeps (replacing) or forgets the seat's subscription, if `by` still holds its seat. */
  setPushSubscription(request: SetSubscriptionRequest): Promise<PushWriteOutcome>;
  /** Replaces the seat's wake times, kept only while the seat has a subscription. */
  setWakes(request: SetWakesRequest): Promise<PushWriteOutcome>;
  /** The seat's subscription in that incarnation, or null. */
  pushTargetOf(room: RoomRef, seat: Seat): Promise<PushSubscriptionJson | null>;
  /**
   * Forgets the seat's subscription (and its wakes) only if it is still the one with this
   * endpoint: a push service refusing an old endpoint must not drop a newer subscription.
   * True when one was forgotten.
   */
  forgetSubscription(room: RoomRef, seat: Seat, endpoint: string): Promise<boolean>;
  /**
   * Up to `limit` wakes due at `now` (time ≤ now), each removed in the same step it is taken:
   * several processes taking at once never take one wake twice.
   */
  takeDueWakes(now: number, limit: number): Promise<DueWake[]>;
  /**
   * The VAPID key pair kept with the store; when there is none yet, `candidate` is kept and
   * returned. Whoever keeps first wins: every process on one store signs with one pair.
   */
  keepVapidKeys(candidate: VapidKeys): Promise<VapidKeys>;
}
