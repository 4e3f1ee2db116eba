import type { Database } from 'better-sqlite3';
import type { Seat } from '../../../shared/ids.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import type { PushSubscriptionJson } from '../../../shared/push.ts';
import { decideSeat, isAnotherRoom, verifierToCreateWith } from '../claim.ts';
import { endedAt, keepUntilAt, newIncarnation } from '../lifetime.ts';
import type {
  AppendOutcome,
  AppendRequest,
  ClaimOutcome,
  ClaimRequest,
  Ended,
  KeepOutcome,
  KeepRequest,
  Moment,
  ReadOutcome,
  ReadRequest,
  RoomRecord,
  RoomRef,
  RoomStore,
  SeatHolder,
} from '../room-store.ts';
import { NOT_FOUND } from '../room-store.ts';
import type {
  DueWake,
  PushWriteOutcome,
  SetSubscriptionRequest,
  SetWakesRequest,
  VapidKeys,
} from '../push-store.ts';
import { SqlitePushRows } from './push-rows.ts';
import { storeErrorOf } from './errors.ts';
import { GroupCommit } from './group-commit.ts';
import { BUSY_TIMEOUT_MS, openDatabaseIn } from './open.ts';
import type { RoomRow, Statements } from './statements.ts';
import { envelopeOf, envelopeRow, prepareStatements, seatsOf } from './statements.ts';

/**
 * Rooms in one SQLite file (open.ts sets it up). better-sqlite3 is synchronous, so each method
 * runs to completion without yielding; each is also one transaction (a write: a savepoint in a
 * group commit, group-commit.ts), so on disk it happens entirely or not at all, and a write's
 * promise settles only once it is fsynced. Writes take the write lock up front (BEGIN
 * IMMEDIATE), so a lock held elsewhere is waited for rather than failing halfway.
 */
export class SqliteRoomStore implements RoomStore {
  readonly #db: Database;
  readonly #sql: Statements;
  readonly #claim: (request: ClaimRequest) => ClaimOutcome;
  #walHoldsDeleted = false;
  readonly #append: (request: AppendRequest) => AppendOutcome;
  readonly #keep: (request: KeepRequest) => KeepOutcome;
  readonly #read: (request: ReadRequest) => ReadOutcome;
  /** Claims, appends and keeps share one transaction and one fsync per round of I/O. */
  readonly #writes: GroupCommit;
  readonly #push: SqlitePushRows;
  readonly #pushWrite: (
    by: SeatHolder,
    at: Moment,
    write: (row: RoomRow) => PushWriteOutcome,
  ) => PushWriteOutcome;

  constructor(db: Database) {
    this.#db = db;
    this.#sql = prepareStatements(db);
    // Each write is a transaction function: run inside the group's transaction (group-commit.ts)
    // it is a savepoint, atomic on its own.
    this.#claim = db.transaction((request: ClaimRequest) => this.#claimNow(request));
    this.#append = db.transaction((request: AppendRequest) => this.#appendNow(request));
    this.#keep = db.transaction((request: KeepRequest) => this.#keepNow(request));
    // A read is a deferred transaction: one snapshot for the room row and its envelopes.
    this.#read = db.transaction((request: ReadRequest) => this.#readNow(request));
    this.#writes = new GroupCommit(db, storeErrorOf);
    this.#push = new SqlitePushRows(db);
    // The seat and the room's end are checked in the same transaction as the push write.
    this.#pushWrite = db.transaction(
      (by: SeatHolder, at: Moment, write: (row: RoomRow) => PushWriteOutcome) => {
        const row = this.#heldBy(by);
        if (row === undefined) return NOT_FOUND;
        return endedAt(lifeOf(row), at) ?? write(row);
      },
    );
  }

  /** Opens `<dataDir>/tandem.sqlite`, creating the directory and the schema as needed. */
  static openIn(dataDir: string): SqliteRoomStore {
    return new SqliteRoomStore(openDatabaseIn(dataDir));
  }

  claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    return this.#writes.write(() => this.#claim(request));
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    return this.#writes.write(() => this.#append(request));
  }

  keepRoom(request: KeepRequest): Promise<KeepOutcome> {
    return this.#writes.write(() => this.#keep(request));
  }

  readAfter(request: ReadRequest): Promise<ReadOutcome> {
    return this.#run(() => this.#read(request));
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return this.#run(() => {
      const row = this.#sql.roomById.get(roomId);
      return row === undefined ? null : this.#recordOf(row);
    });
  }

  countRooms(): Promise<number> {
    return this.#run(() => this.#sql.countRooms.get()?.count ?? 0);
  }

  deleteRoom(room: RoomRef): Promise<boolean> {
    return this.#run(() => {
      const removed = this.#sql.deleteRoom.run(room).changes > 0;
      if (removed) this.#walHoldsDeleted = true;
      this.#truncateWal();
      return removed;
    });
  }

  listEnded(at: Moment, limit: number): Promise<Ended[]> {
    return this.#run(() => {
      // The sweep comes by regularly: a WAL a reader kept from being emptied is emptied now.
      this.#truncateWal();
      return this.#sql.endedRooms
        .all({ createdBefore: at.createdBefore, idleBefore: at.idleBefore, limit })
        .map((row) => endedAt(lifeOf(row), at))
        .filter((ended) => ended !== null);
    });
  }

  /** Whether the WAL may still hold frames of a deleted room, until a checkpoint empties it. */
  get walHoldsDeletedForTests(): boolean {
    return this.#walHoldsDeleted;
  }

  /**
   * secure_delete zeroes a deleted room's pages, but the WAL still holds the frames that first
   * wrote them: checkpointing into the main file and truncating the WAL leaves no copy behind.
   * It never waits: with another reader on the file (a backup, say) the checkpoint would wait
   * out the busy timeout with the event loop blocked, so the busy handler is off for it, and a
   * checkpoint that could not finish is tried again at the next delete or sweep. A delete that
   * committed never fails because of it.
   */
  #truncateWal(): void {
    if (!this.#walHoldsDeleted) return;
    try {
      this.#db.pragma('busy_timeout = 0');
      const [result] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) this.#walHoldsDeleted = false;
    } catch {
      // Tried again later.
    } finally {
      this.#db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
    }
  }

  setPushSubscription({ by, subscription, at }: SetSubscriptionRequest): Promise<PushWriteOutcome> {
    return this.#writes.write(() =>
      this.#pushWrite(by, at, (row) => {
        this.#push.setSubscription({ incarnation: row.incarnation, seat: by.seat }, subscription);
        return { status: 'set' };
      }),
    );
  }

  setWakes({ by, times, at }: SetWakesRequest): Promise<PushWriteOutcome> {
    return this.#writes.write(() =>
      this.#pushWrite(by, at, (row) =>
        this.#push.setWakes({ incarnation: row.incarnation, seat: by.seat }, times)
          ? { status: 'set' }
          : { status: 'not_subscribed' },
      ),
    );
  }

  pushTargetOf(room: RoomRef, seat: Seat): Promise<PushSubscriptionJson | null> {
    return this.#run(() => {
      const row = this.#sql.roomByIncarnation.get(room);
      return row === undefined
        ? null
        : this.#push.subscriptionOf({ incarnation: row.incarnation, seat });
    });
  }

  forgetSubscription(room: RoomRef, seat: Seat, endpoint: string): Promise<boolean> {
    // The incarnation names one room's life: a row under it is that room's, whatever its id.
    return this.#writes.write(() =>
      this.#push.forget({ incarnation: room.incarnation, seat }, endpoint),
    );
  }

  takeDueWakes(now: number, limit: number): Promise<DueWake[]> {
    return this.#writes.write(() => this.#push.takeDue(now, limit));
  }

  keepVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    return this.#writes.write(() => this.#push.keepVapidKeys(candidate));
  }

  close(): Promise<void> {
    return this.#run(() => {
      if (!this.#db.open) return;
      // Writes already asked for are committed (and answered) first.
      this.#writes.flush();
      // Closing checkpoints the WAL into the main file and removes it.
      this.#db.close();
    });
  }

  /** Every room and log as stored, in the memory store's shape, for tests that inspect it. */
  dumpForTests(): string {
    const rooms = this.#sql.allRooms.all().map((row) => ({
      record: this.#recordOf(row),
      log: this.#sql.envelopesAfter
        // LIMIT -1 is no limit.
        .all({ incarnation: row.incarnation, afterSeq: 0, limit: -1 })
        .map(envelopeOf),
    }));
    return JSON.stringify(rooms);
  }

  /** Reads or sets a pragma on the store's own connection (most are per connection): for tests. */
  pragmaForTests(source: string): unknown {
    return this.#db.pragma(source, { simple: true });
  }

  #claimNow({
    roomId,
    credential,
    createIfMissing,
    access,
    knownIncarnation,
    at,
  }: ClaimRequest): ClaimOutcome {
    const row = this.#sql.roomById.get(roomId);
    if (isAnotherRoom(knownIncarnation, row?.incarnation)) return NOT_FOUND;
    if (row === undefined) {
      if (!createIfMissing) return NOT_FOUND;
      const joinVerifier = verifierToCreateWith(access);
      if (joinVerifier === null) return { status: 'unauthorized', reason: 'join_proof' };
      const incarnation = newIncarnation();
      this.#sql.insertRoom.run({
        room_id: roomId,
        incarnation,
        created_at: at.now,
        last_active_at: at.now,
        keep_until: 0,
        last_seq: 0,
        join_verifier: joinVerifier,
      });
      this.#sql.insertSeat.run({ incarnation, seat: 0, ...credential });
      const room: RoomRecord = {
        roomId,
        incarnation,
        createdAt: at.now,
        lastActiveAt: at.now,
        keepUntil: 0,
        lastSeq: 0,
        seats: [credential, null],
        joinVerifier,
        push: [false, false],
      };
      return { status: 'created', seat: 0, room };
    }
    const ended = endedAt(lifeOf(row), at);
    if (ended !== null) return ended;
    const decision = decideSeat(this.#recordOf(row), credential, access);
    switch (decision.kind) {
      case 'unauthorized':
        return { status: 'unauthorized', reason: decision.reason };
      case 'full':
        return { status: 'room_full' };
      case 'returning':
        this.#sql.touchRoom.run({ incarnation: row.incarnation, now: at.now });
        return { status: 'returned', seat: decision.seat, room: this.#touched(row, at) };
      case 'take':
        this.#sql.insertSeat.run({
          incarnation: row.incarnation,
          seat: decision.seat,
          ...credential,
        });
        this.#sql.touchRoom.run({ incarnation: row.incarnation, now: at.now });
        return { status: 'claimed', seat: decision.seat, room: this.#touched(row, at) };
    }
  }

  #appendNow({ by, envelope, at }: AppendRequest): AppendOutcome {
    const row = this.#heldBy(by);
    if (row === undefined) return NOT_FOUND;
    const ended = endedAt(lifeOf(row), at);
    if (ended !== null) return ended;
    const existing = this.#sql.envelopeByEventId.get({
      incarnation: row.incarnation,
      eventId: envelope.eventId,
    });
    if (existing !== undefined) {
      const stored = envelopeOf(existing);
      return stored.seat === by.seat
        ? { status: 'duplicate', envelope: stored }
        : { status: 'conflict' };
    }
    const stored: StoredEnvelope = {
      seq: row.last_seq + 1,
      eventId: envelope.eventId,
      seat: by.seat,
      ciphertext: envelope.ciphertext,
      notify: envelope.notify,
      storedAt: at.now,
    };
    this.#sql.insertEnvelope.run({ incarnation: row.incarnation, ...envelopeRow(stored) });
    this.#sql.advanceRoom.run({ incarnation: row.incarnation, seq: stored.seq, now: at.now });
    return { status: 'appended', envelope: stored };
  }

  #keepNow({ by, until, at }: KeepRequest): KeepOutcome {
    const row = this.#heldBy(by);
    if (row === undefined) return NOT_FOUND;
    const ended = endedAt(lifeOf(row), at);
    if (ended !== null) return ended;
    const keepUntil = keepUntilAt(row.created_at, until, at);
    this.#sql.keepRoom.run({ incarnation: row.incarnation, keepUntil });
    return { status: 'kept', keptUntil: keepUntil };
  }

  /** The room's row if `by` still holds its seat in the incarnation it names. */
  #heldBy(by: SeatHolder): RoomRow | undefined {
    const row = this.#sql.roomByIncarnation.get(by.room);
    if (row === undefined) return undefined;
    const holder = this.#sql.seatMember.get({ incarnation: row.incarnation, seat: by.seat });
    return holder === by.memberId ? row : undefined;
  }

  #readNow({ room, afterSeq, limit, at }: ReadRequest): ReadOutcome {
    const row = this.#sql.roomByIncarnation.get(room);
    if (row === undefined) return NOT_FOUND;
    const ended = endedAt(lifeOf(row), at);
    if (ended !== null) return ended;
    const rows = this.#sql.envelopesAfter.all({ incarnation: row.incarnation, afterSeq, limit });
    return { status: 'ok', envelopes: rows.map(envelopeOf) };
  }

  #recordOf(row: RoomRow): RoomRecord {
    return {
      ...lifeOf(row),
      lastSeq: row.last_seq,
      seats: seatsOf(this.#sql.seats.all(row.incarnation)),
      joinVerifier: row.join_verifier,
      push: this.#push.pushSeats(row.incarnation),
    };
  }

  /** The room as a claim left it: seats read again (a new one included), active now. */
  #touched(row: RoomRow, at: Moment): RoomRecord {
    return { ...this.#recordOf(row), lastActiveAt: at.now };
  }

  /** Runs a synchronous database step as the interface's promise, with its errors sorted. */
  #run<T>(step: () => T): Promise<T> {
    try {
      return Promise.resolve(step());
    } catch (error) {
      return Promise.reject(storeErrorOf(error));
    }
  }
}

const lifeOf = (row: RoomRow) => ({
  roomId: row.room_id,
  incarnation: row.incarnation,
  createdAt: row.created_at,
  lastActiveAt: row.last_active_at,
  keepUntil: row.keep_until,
});
