import type { Presence } from '../../../shared/protocol.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { RoomState } from '../../../shared/reducer.ts';
import type { OutboxEntry } from './outbox.ts';
import type { RefusedEvent } from './refusal-notice.ts';

/** Why a room is over for this phone. Every reason but `failed` leaves nothing of it behind. */
export type ClosedReason = 'room_full' | 'room_gone' | 'deleted' | 'unauthorized' | 'failed';

export type RoomStatus =
  | { readonly kind: 'opening' }
  | { readonly kind: 'open' }
  /** The server runs a newer build: only a reload helps. The seat and the outbox are kept. */
  | { readonly kind: 'outdated' }
  | { readonly kind: 'closed'; readonly reason: ClosedReason };

/** Whether the server sends pushes, as its last join reply said. */
export type ServerPush =
  /** Not joined yet on this page: not known. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'none' }
  /** It does, to subscriptions made with this VAPID public key (base64url). */
  | { readonly kind: 'vapid'; readonly key: string };

/** Everything the screens render, replaced (never mutated) on every change. */
export interface RoomView {
  readonly status: RoomStatus;
  /** This phone holds its seat over a live connection right now. */
  readonly connected: boolean;
  readonly seat: Seat | null;
  readonly presence: Presence | null;
  readonly room: RoomState;
  /** Said here, not yet in the log: shown as "sending" or "sent". */
  readonly outbox: readonly OutboxEntry[];
  /** The server could not be reached on the last attempt (it keeps trying). */
  readonly unreachable: boolean;
  /** The room ended while a signal of this person's was still unsent: they must be told. */
  readonly unsentSignalLost: boolean;
  /** The last signal or check-in answer the server refused for good, until dismissed. */
  readonly refused: RefusedEvent | null;
  readonly serverPush: ServerPush;
}
