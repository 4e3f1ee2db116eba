import type { Seat } from '../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../shared/protocol.ts';

/**
 * Durable state of rooms, behind one async interface so that in-memory, SQLite and Redis stores
 * are interchangeable. Every method is atomic per room: two devices racing for the last seat, or
 * a retry racing its original, see one consistent outcome.
 *
 * The store is as blind as the server: it holds ciphertext, seats and hashes, never content.
 */

export interface SeatCredential {
  readonly memberId: string;
  /** SHA-256 of the member secret, hex. */
  readonly secretHash: string;
}

export interface RoomRecord {
  readonly roomId: string;
  readonly createdAt: number;
  readonly lastActiveAt: number;
  readonly lastSeq: number;
  readonly seats: readonly [SeatCredential | null, SeatCredential | null];
}

export type ClaimOutcome =
  /** A new room was made and this device holds seat 0. */
  | { readonly status: 'created'; readonly seat: Seat; readonly room: RoomRecord }
  /** This device took a free seat. */
  | { readonly status: 'claimed'; readonly seat: Seat; readonly room: RoomRecord }
  /** This device already held the seat (reload, reconnect, retry). */
  | { readonly status: 'returned'; readonly seat: Seat; readonly room: RoomRecord }
  | { readonly status: 'room_not_found' }
  | { readonly status: 'room_full' }
  /** The member id holds a seat but the secret does not match. */
  | { readonly status: 'unauthorized' };

export type AppendOutcome =
  | { readonly status: 'appended'; readonly envelope: StoredEnvelope }
  /** This event id is already in the log from the same seat: nothing was written. */
  | { readonly status: 'duplicate'; readonly envelope: StoredEnvelope }
  /** The event id is in the log from the other seat: refused. */
  | { readonly status: 'conflict' }
  | { readonly status: 'room_not_found' };

export interface ClaimRequest {
  readonly roomId: string;
  readonly credential: SeatCredential;
  /** Make the room (with this device in seat 0) when it does not exist. */
  readonly createIfMissing: boolean;
  readonly now: number;
}

export interface RoomStore {
  claimSeat(request: ClaimRequest): Promise<ClaimOutcome>;
  /** Appends with deduplication on (room, event id); assigns the next sequence number. */
  append(
    roomId: string,
    seat: Seat,
    envelope: OutgoingEnvelope,
    now: number,
  ): Promise<AppendOutcome>;
  /** Envelopes with seq > afterSeq, in order, at most `limit`. */
  readAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEnvelope[]>;
  getRoom(roomId: string): Promise<RoomRecord | null>;
  /** Removes the room, its seats and its log. True when there was a room to remove. */
  deleteRoom(roomId: string): Promise<boolean>;
  /** Removes every room last active before `cutoff`; returns their ids. */
  purgeIdleSince(cutoff: number): Promise<string[]>;
  close(): Promise<void>;
}
