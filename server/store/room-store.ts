import type { Seat } from '../../shared/ids.ts';
import type { OutgoingEnvelope, RoomEndReason, StoredEnvelope } from '../../shared/protocol.ts';
import type { PushStore } from './push-store.ts';

/**
 * Durable state of rooms, behind one async interface so that in-memory, SQLite and Redis stores
 * are interchangeable. Every method is one atomic step: the checks a request depends on (is this
 * still the incarnation the connection joined, does it still hold its seat, has the room ended)
 * are made inside the same step as the write they guard, never in an earlier await. So a stale
 * connection can never write into a room that was deleted and made again in between, however
 * slow the store.
 *
 * The store never removes a room on its own: it reports a room that is over as `ended`, and the
 * server's one end path (rooms/end-room.ts) removes it and tells the phones.
 *
 * The store is as blind as the server: it holds ciphertext, seats, hashes and each room's join
 * verifier (which proves joins and decrypts nothing), never content.
 */

export interface SeatCredential {
  readonly memberId: string;
  /** SHA-256 of the member secret, hex. */
  readonly secretHash: string;
}

/** One life of a room: its id, and the random incarnation the store gave it when it made it. */
export interface RoomRef {
  readonly roomId: string;
  readonly incarnation: string;
}

/** Who acts: a seat of one incarnation, as a connection pinned it when it joined. */
export interface SeatHolder {
  readonly room: RoomRef;
  readonly seat: Seat;
  readonly memberId: string;
}

/**
 * A call's moment, and which rooms count as over at that moment. The server computes it from its
 * lifetime settings (lifetime.ts), so every store judges a room by the same rule and clock.
 */
export interface Moment {
  readonly now: number;
  /** A room last active, and kept, until before this has been idle too long: `expired`. */
  readonly idleBefore: number;
  /** A room made before this has reached its maximum age: `max_age`. */
  readonly createdBefore: number;
}

export interface RoomRecord {
  readonly roomId: string;
  readonly incarnation: string;
  readonly createdAt: number;
  readonly lastActiveAt: number;
  /**
   * The time the phones asked to keep the room until (follow-ups), capped at its maximum age; 0
   * when never asked. The room is idle from this or its last activity, whichever is later.
   */
  readonly keepUntil: number;
  readonly lastSeq: number;
  readonly seats: readonly [SeatCredential | null, SeatCredential | null];
  /**
   * The room's join key, which checks join proofs (shared/crypto/join-proof.ts): it can tell a
   * phone that holds the room secret, and decrypts nothing. Null for a room made before join
   * proofs (SQLite migration 3): no new device can join such a room, returning ones still can.
   */
  readonly joinVerifier: string | null;
  /** Which seats have a push subscription (push-store.ts): the presence `push` bit. */
  readonly push: readonly [boolean, boolean];
}

/** Why the store finds a room over; deletion, the third way, is asked for rather than found. */
export type EndedReason = Exclude<RoomEndReason, 'deleted'>;

/** The room exists but is over at the call's moment: nothing was done; the server ends it. */
export interface Ended {
  readonly status: 'ended';
  readonly room: RoomRef;
  readonly reason: EndedReason;
}

/** No room under this id, another incarnation of it, or a seat this member does not hold. */
export interface RoomNotFound {
  readonly status: 'room_not_found';
}

export const NOT_FOUND: RoomNotFound = { status: 'room_not_found' };

export type ClaimOutcome =
  /** A new room was made and this device holds seat 0. */
  | { readonly status: 'created'; readonly seat: Seat; readonly room: RoomRecord }
  /** This device took a free seat. */
  | { readonly status: 'claimed'; readonly seat: Seat; readonly room: RoomRecord }
  /** This device already held the seat (reload, reconnect, retry). */
  | { readonly status: 'returned'; readonly seat: Seat; readonly room: RoomRecord }
  | RoomNotFound
  | { readonly status: 'room_full' }
  /** The member id holds a seat but the secret does not match, or the join proof is not valid. */
  | { readonly status: 'unauthorized'; readonly reason: UnauthorizedReason }
  | Ended;

export type AppendOutcome =
  | { readonly status: 'appended'; readonly envelope: StoredEnvelope }
  /** This event id is already in the log from the same seat: nothing was written. */
  | { readonly status: 'duplicate'; readonly envelope: StoredEnvelope }
  /** The event id is in the log from the other seat: refused. */
  | { readonly status: 'conflict' }
  | RoomNotFound
  | Ended;

export type KeepOutcome =
  /** The room is kept until `keptUntil` now: the time asked for, or its maximum age if sooner. */
  { readonly status: 'kept'; readonly keptUntil: number } | RoomNotFound | Ended;

export type ReadOutcome =
  { readonly status: 'ok'; readonly envelopes: StoredEnvelope[] } | RoomNotFound | Ended;

/** Which check refused a claim: the seat's member secret, or the join proof. */
export type UnauthorizedReason = 'seat_secret' | 'join_proof';

/**
 * What the join proved before the claim. The server checks the proof's HMAC (rooms/join.ts); the
 * store only compares verifiers, inside the claim's atomic step, so a claim counts as proven only
 * against the verifier the room holds at that step.
 */
export interface JoinAccess {
  /**
   * The verifier the join's proof was found valid against, or null: no valid proof, or nothing
   * to check it against. A new device sits only where the room holds this same verifier; a
   * returning one needs it too, unless its room has no verifier at all (made before join proofs).
   */
  readonly provenVerifier: string | null;
  /**
   * The verifier to keep if this claim makes the room (the join's `create`); a room is only made
   * when the proof was valid against it. Ignored when the room exists.
   */
  readonly newVerifier: string | null;
}

export interface ClaimRequest {
  readonly roomId: string;
  readonly credential: SeatCredential;
  /** Make the room (with this device in seat 0) when it does not exist. */
  readonly createIfMissing: boolean;
  readonly access: JoinAccess;
  /**
   * The incarnation the device joined before, or null on its first join. When given, any other
   * incarnation under the id, or none, is `room_not_found`: nothing is claimed or made.
   */
  readonly knownIncarnation: string | null;
  readonly at: Moment;
}

export interface AppendRequest {
  readonly by: SeatHolder;
  readonly envelope: OutgoingEnvelope;
  readonly at: Moment;
}

export interface KeepRequest {
  readonly by: SeatHolder;
  /** Epoch ms; a smaller value than the room holds lowers it. */
  readonly until: number;
  readonly at: Moment;
}

export interface ReadRequest {
  readonly room: RoomRef;
  readonly afterSeq: number;
  readonly limit: number;
  readonly at: Moment;
}

export interface RoomStore extends PushStore {
  /** Takes or returns to a seat; a room that is over is reported `ended`, never revived. */
  claimSeat(request: ClaimRequest): Promise<ClaimOutcome>;
  /**
   * Appends with deduplication on (incarnation, event id) and assigns the next sequence number,
   * only if `by` still holds its seat in that incarnation and the room is not over.
   */
  append(request: AppendRequest): Promise<AppendOutcome>;
  /**
   * Sets the room's `keepUntil` to `until`, capped at its maximum age (lifetime.ts), only if `by`
   * still holds its seat in that incarnation and the room is not over. Not activity: nothing else
   * changes, so asking again for the same time changes nothing.
   */
  keepRoom(request: KeepRequest): Promise<KeepOutcome>;
  /** Envelopes with seq > afterSeq of that incarnation, in order, at most `limit`. */
  readAfter(request: ReadRequest): Promise<ReadOutcome>;
  /** The room under this id as it is, whatever its incarnation or age: for presence. */
  getRoom(roomId: string): Promise<RoomRecord | null>;
  /**
   * How many rooms the store holds, over or not: the server refuses to make a room past its cap
   * (ROOMS_PER_PROCESS). Rooms over but not yet swept still count; the sweep frees them.
   */
  countRooms(): Promise<number>;
  /**
   * Removes that incarnation, its seats, its log and its push subscriptions and wakes. True when
   * there was one to remove.
   */
  deleteRoom(room: RoomRef): Promise<boolean>;
  /** Up to `limit` rooms that are over at `at`, for the periodic sweep. */
  listEnded(at: Moment, limit: number): Promise<Ended[]>;
  close(): Promise<void>;
}

/**
 * What a store throws when it cannot do what was asked right now (disk full, I/O error, locked,
 * unreachable) and has written nothing: the phone is told `storage_unavailable` and retries.
 * Any other error a store throws is a bug, answered `internal`.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  /** `code` names the failure (`SQLITE_FULL`, say); it never carries stored content. */
  constructor(
    readonly code: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`store unavailable (${code})`, options);
  }
}
