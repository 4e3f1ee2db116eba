import type { Database } from 'better-sqlite3';
import type { Seat } from '../../../shared/ids.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import type { SeatCredential } from '../room-store.ts';

/** Rows as the schema (migrations.ts) stores them. */
export interface RoomRow {
  readonly room_id: string;
  readonly incarnation: string;
  readonly created_at: number;
  readonly last_active_at: number;
  readonly keep_until: number;
  readonly last_seq: number;
  /** NULL for a room made before join proofs (migration 3). */
  readonly join_verifier: string | null;
}

export interface SeatRow {
  readonly seat: number;
  readonly member_id: string;
  readonly secret_hash: string;
}

export interface EnvelopeRow {
  readonly seq: number;
  readonly event_id: string;
  readonly seat: number;
  readonly ciphertext: string;
  readonly notify: number;
  readonly stored_at: number;
}

interface IncarnationKey {
  readonly roomId: string;
  readonly incarnation: string;
}

const ROOM_COLUMNS =
  'room_id, incarnation, created_at, last_active_at, keep_until, last_seq, join_verifier';
const ENVELOPE_COLUMNS = 'seq, event_id, seat, ciphertext, notify, stored_at';

/** Every statement the store runs, prepared once when it opens. */
export function prepareStatements(db: Database) {
  return {
    roomById: db.prepare<[string], RoomRow>(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE room_id = ?`),
    countRooms: db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM rooms'),
    roomByIncarnation: db.prepare<IncarnationKey, RoomRow>(
      `SELECT ${ROOM_COLUMNS} FROM rooms WHERE room_id = @roomId AND incarnation = @incarnation`,
    ),
    insertRoom: db.prepare<RoomRow>(
      `INSERT INTO rooms (${ROOM_COLUMNS})
       VALUES (@room_id, @incarnation, @created_at, @last_active_at, @keep_until, @last_seq,
               @join_verifier)`,
    ),
    touchRoom: db.prepare<{ incarnation: string; now: number }>(
      'UPDATE rooms SET last_active_at = @now WHERE incarnation = @incarnation',
    ),
    keepRoom: db.prepare<{ incarnation: string; keepUntil: number }>(
      'UPDATE rooms SET keep_until = @keepUntil WHERE incarnation = @incarnation',
    ),
    advanceRoom: db.prepare<{ incarnation: string; seq: number; now: number }>(
      'UPDATE rooms SET last_seq = @seq, last_active_at = @now WHERE incarnation = @incarnation',
    ),
    deleteRoom: db.prepare<IncarnationKey>(
      'DELETE FROM rooms WHERE room_id = @roomId AND incarnation = @incarnation',
    ),
    // lifetime.ts's endReason, as a query: past the maximum age, or idle since the later of the
    // last activity and the time kept until. The expression is the index's (migrations.ts).
    endedRooms: db.prepare<{ createdBefore: number; idleBefore: number; limit: number }, RoomRow>(
      `SELECT ${ROOM_COLUMNS} FROM rooms
       WHERE created_at < @createdBefore OR max(last_active_at, keep_until) < @idleBefore
       LIMIT @limit`,
    ),
    allRooms: db.prepare<[], RoomRow>(`SELECT ${ROOM_COLUMNS} FROM rooms ORDER BY room_id`),
    seats: db.prepare<[string], SeatRow>(
      'SELECT seat, member_id, secret_hash FROM seats WHERE incarnation = ?',
    ),
    // The one column an append or a keep checks, without reading and shaping both seats.
    seatMember: db
      .prepare<{ incarnation: string; seat: Seat }, string>(
        'SELECT member_id FROM seats WHERE incarnation = @incarnation AND seat = @seat',
      )
      .pluck(),
    insertSeat: db.prepare<{
      incarnation: string;
      seat: Seat;
      memberId: string;
      secretHash: string;
    }>(
      `INSERT INTO seats (incarnation, seat, member_id, secret_hash)
       VALUES (@incarnation, @seat, @memberId, @secretHash)`,
    ),
    envelopeByEventId: db.prepare<{ incarnation: string; eventId: string }, EnvelopeRow>(
      `SELECT ${ENVELOPE_COLUMNS} FROM envelopes
       WHERE incarnation = @incarnation AND event_id = @eventId`,
    ),
    insertEnvelope: db.prepare<{ incarnation: string } & EnvelopeRow>(
      `INSERT INTO envelopes (incarnation, ${ENVELOPE_COLUMNS})
       VALUES (@incarnation, @seq, @event_id, @seat, @ciphertext, @notify, @stored_at)`,
    ),
    envelopesAfter: db.prepare<
      { incarnation: string; afterSeq: number; limit: number },
      EnvelopeRow
    >(
      `SELECT ${ENVELOPE_COLUMNS} FROM envelopes
       WHERE incarnation = @incarnation AND seq > @afterSeq
       ORDER BY seq LIMIT @limit`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

/** The schema's CHECK keeps a seat to 0 or 1; this only tells TypeScript so. */
export const seatOf = (value: number): Seat => (value === 0 ? 0 : 1);

export function seatsOf(rows: readonly SeatRow[]): [SeatCredential | null, SeatCredential | null] {
  const seats: [SeatCredential | null, SeatCredential | null] = [null, null];
  for (const row of rows) {
    seats[seatOf(row.seat)] = { memberId: row.member_id, secretHash: row.secret_hash };
  }
  return seats;
}

export const envelopeOf = (row: EnvelopeRow): StoredEnvelope => ({
  seq: row.seq,
  eventId: row.event_id,
  seat: seatOf(row.seat),
  ciphertext: row.ciphertext,
  notify: row.notify === 1,
  storedAt: row.stored_at,
});

export const envelopeRow = (envelope: StoredEnvelope): EnvelopeRow => ({
  seq: envelope.seq,
  event_id: envelope.eventId,
  seat: envelope.seat,
  ciphertext: envelope.ciphertext,
  notify: envelope.notify ? 1 : 0,
  stored_at: envelope.storedAt,
});
