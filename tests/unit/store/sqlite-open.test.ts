import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, schemaVersionOf } from '../../../server/store/sqlite/migrations.ts';
import type { Migration } from '../../../server/store/sqlite/migrations.ts';
import {
  DATABASE_FILE,
  StoreOpenError,
  openDatabaseFile,
  openDatabaseIn,
} from '../../../server/store/sqlite/open.ts';
import { SqliteRoomStore } from '../../../server/store/sqlite/sqlite-store.ts';
import { prepareStatements } from '../../../server/store/sqlite/statements.ts';
import { tempDir } from '../../support/temp-sqlite.ts';
import type { TempDir } from '../../support/temp-sqlite.ts';
import {
  HOUR,
  LIFETIME,
  PROVEN,
  Rooms,
  T,
  at,
  envelope,
  newCredential,
} from './contract/support.ts';

const CURRENT = MIGRATIONS.length;

describe('opening the database', () => {
  let temp: TempDir;
  const open: Database.Database[] = [];

  /** A database this test opened, closed after it. */
  const track = (db: Database.Database): Database.Database => {
    open.push(db);
    return db;
  };

  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    temp.remove();
  });

  const fileIn = () => {
    temp = tempDir();
    return path.join(temp.dir, DATABASE_FILE);
  };

  /** A room written through the store at the current schema, so a migration must keep it. */
  async function fileWithRoom(file: string) {
    const store = new SqliteRoomStore(openDatabaseFile(file));
    const rooms = new Rooms(() => store);
    const room = await rooms.pair();
    const log = await rooms.fill(room, 3);
    const record = await store.getRoom(room.ref.roomId);
    await store.close();
    return { room, log, record };
  }

  describe('migrations', () => {
    it('brings an empty file (version 0) to the current schema', () => {
      const file = fileIn();
      track(new Database(file)).close();
      const db = track(openDatabaseFile(file));
      expect(schemaVersionOf(db)).toBe(CURRENT);
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .all()
        .map((row) => row.name);
      expect(tables.sort()).toEqual([
        'envelopes',
        'push_subscriptions',
        'push_wakes',
        'rooms',
        'seats',
        'vapid_keys',
      ]);
    });

    it('leaves a database at the current version as it is, rooms and all', async () => {
      const file = fileIn();
      const { room, log, record } = await fileWithRoom(file);
      const db = track(openDatabaseFile(file));
      expect(migrate(db)).toEqual({ from: CURRENT, to: CURRENT });
      const store = new SqliteRoomStore(db);
      expect(await store.getRoom(room.ref.roomId)).toEqual(record);
      expect(await new Rooms(() => store).log(room.ref)).toEqual(log);
    });

    it('applies a later step in place without losing a room', async () => {
      const file = fileIn();
      const { room, log, record } = await fileWithRoom(file);
      const next: Migration = {
        version: CURRENT + 1,
        summary: 'a column a later build might add',
        up: (db) => db.exec('ALTER TABLE rooms ADD COLUMN label TEXT'),
      };
      const db = track(openDatabaseFile(file));
      expect(migrate(db, [...MIGRATIONS, next])).toEqual({ from: CURRENT, to: CURRENT + 1 });
      expect(schemaVersionOf(db)).toBe(CURRENT + 1);
      const store = new SqliteRoomStore(db);
      expect(await store.getRoom(room.ref.roomId)).toEqual(record);
      expect(await new Rooms(() => store).log(room.ref)).toEqual(log);
    });

    it('migrates a version-1 file in place: its rooms and logs stay, unkept, and can be kept', async () => {
      const file = fileIn();
      const v1 = track(new Database(file));
      expect(migrate(v1, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
      const alice = newCredential();
      const sent = envelope();
      // Rows as a version-1 server wrote them (it knew no keep_until).
      v1.prepare(
        `INSERT INTO rooms (room_id, incarnation, created_at, last_active_at, last_seq)
         VALUES ('room', 'inc', ?, ?, 1)`,
      ).run(T, T + 5);
      v1.prepare(
        "INSERT INTO seats (incarnation, seat, member_id, secret_hash) VALUES ('inc', 0, ?, ?)",
      ).run(alice.memberId, alice.secretHash);
      v1.prepare(
        `INSERT INTO envelopes (incarnation, seq, event_id, seat, ciphertext, notify, stored_at)
         VALUES ('inc', 1, ?, 0, ?, 0, ?)`,
      ).run(sent.eventId, sent.ciphertext, T + 5);
      v1.close();

      const db = track(openDatabaseFile(file));
      expect(schemaVersionOf(db)).toBe(CURRENT);
      const store = new SqliteRoomStore(db);
      const ref = { roomId: 'room', incarnation: 'inc' };
      expect(await store.getRoom('room')).toEqual({
        ...ref,
        createdAt: T,
        lastActiveAt: T + 5,
        keepUntil: 0,
        lastSeq: 1,
        seats: [alice, null],
        joinVerifier: null,
        push: [false, false],
      });
      expect(await new Rooms(() => store).log(ref, T + 6)).toEqual([
        { ...sent, seq: 1, seat: 0, storedAt: T + 5 },
      ]);
      // It lives as it did: idle from its last activity.
      const expired = T + 5 + LIFETIME.idleMs + 1;
      expect(await store.listEnded(at(expired), 10)).toEqual([
        { status: 'ended', room: ref, reason: 'expired' },
      ]);
      const by = { room: ref, seat: 0, memberId: alice.memberId } as const;
      expect(await store.keepRoom({ by, until: T + 50 * HOUR, at: at(T + 6) })).toEqual({
        status: 'kept',
        keptUntil: T + 50 * HOUR,
      });
      expect(await store.listEnded(at(expired), 10)).toEqual([]);
    });

    it('migrates a version-2 file in place: its rooms have no join verifier, so only their own devices return', async () => {
      const file = fileIn();
      const v2 = track(new Database(file));
      expect(migrate(v2, MIGRATIONS.slice(0, 2))).toEqual({ from: 0, to: 2 });
      const alice = newCredential();
      v2.prepare(
        `INSERT INTO rooms (room_id, incarnation, created_at, last_active_at, keep_until, last_seq)
         VALUES ('room', 'inc', ?, ?, 0, 0)`,
      ).run(T, T + 5);
      v2.prepare(
        "INSERT INTO seats (incarnation, seat, member_id, secret_hash) VALUES ('inc', 0, ?, ?)",
      ).run(alice.memberId, alice.secretHash);
      v2.close();

      const db = track(openDatabaseFile(file));
      expect(schemaVersionOf(db)).toBe(CURRENT);
      const store = new SqliteRoomStore(db);
      const before = await store.getRoom('room');
      expect(before?.joinVerifier).toBeNull();
      const claim = { roomId: 'room', createIfMissing: false, knownIncarnation: null };
      // A new device, whatever it proves, cannot join: the room has nothing to check it against.
      expect(
        await store.claimSeat({
          ...claim,
          credential: newCredential(),
          access: PROVEN,
          at: at(T + 6),
        }),
      ).toEqual({ status: 'unauthorized', reason: 'join_proof' });
      expect(await store.getRoom('room')).toEqual(before);
      // Its own device returns with its member secret alone.
      const back = await store.claimSeat({
        ...claim,
        credential: alice,
        access: { provenVerifier: null, newVerifier: null },
        at: at(T + 7),
      });
      expect(back.status).toBe('returned');
      // A verifier of the wrong length never gets in.
      expect(() =>
        db.prepare("UPDATE rooms SET join_verifier = 'short' WHERE room_id = 'room'").run(),
      ).toThrow(/CHECK/);
    });

    it('finds the rooms that are over through indexes, not by reading every room', () => {
      const file = fileIn();
      const db = track(openDatabaseFile(file));
      const sweep = prepareStatements(db).endedRooms.source;
      const plan = db
        .prepare<Record<string, number>, { detail: string }>(`EXPLAIN QUERY PLAN ${sweep}`)
        .all({ createdBefore: T, idleBefore: T, limit: 10 })
        .map((row) => row.detail);
      expect(plan.filter((detail) => detail.startsWith('SEARCH rooms USING INDEX'))).toEqual([
        'SEARCH rooms USING INDEX rooms_by_created_at (created_at<?)',
        'SEARCH rooms USING INDEX rooms_by_idle_from (<expr><?)',
      ]);
      expect(plan.filter((detail) => detail.startsWith('SCAN'))).toEqual([]);
    });

    it('rolls a failing step back whole: the version and the schema stay as they were', () => {
      const file = fileIn();
      const db = track(openDatabaseFile(file));
      const broken: Migration = {
        version: CURRENT + 1,
        summary: 'fails halfway',
        up: (inner) => inner.exec('CREATE TABLE half (a INTEGER); INSERT INTO missing VALUES (1)'),
      };
      expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/missing/);
      expect(schemaVersionOf(db)).toBe(CURRENT);
      const half = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE name = 'half'")
        .get();
      expect(half).toBeUndefined();
    });

    it('refuses a list of steps that is not numbered 1, 2, 3...', () => {
      const db = track(new Database(':memory:'));
      const skipping = [{ ...MIGRATIONS[0], version: 2 } as Migration];
      expect(() => migrate(db, skipping)).toThrow(/version 2/);
      expect(schemaVersionOf(db)).toBe(0);
    });

    it('refuses a database from a newer schema, names it, and leaves it untouched', () => {
      const file = fileIn();
      const newer = track(new Database(file));
      newer.pragma(`user_version = ${String(CURRENT + 1)}`);
      newer.close();
      let error: unknown = null;
      try {
        track(openDatabaseFile(file));
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toBe(
        `cannot open the store at ${file}: schema version ${String(CURRENT + 1)} is newer than ` +
          `this server knows (${String(CURRENT)}); run the newer server, or restore a backup ` +
          'made by this version',
      );
      const after = track(new Database(file));
      expect(schemaVersionOf(after)).toBe(CURRENT + 1);
      expect(after.prepare('SELECT count(*) AS n FROM sqlite_schema').get()).toEqual({ n: 0 });
    });
  });

  describe('a place it cannot use', () => {
    it('creates a missing DATA_DIR and its parents', () => {
      temp = tempDir();
      const nested = path.join(temp.dir, 'a', 'b', 'data');
      track(openDatabaseIn(nested));
      expect(existsSync(path.join(nested, DATABASE_FILE))).toBe(true);
    });

    it('names a DATA_DIR under a regular file, and why it cannot be used', () => {
      temp = tempDir();
      const blocker = path.join(temp.dir, 'not-a-dir');
      writeFileSync(blocker, 'a file');
      const dataDir = path.join(blocker, 'data');
      expect(() => openDatabaseIn(dataDir)).toThrow(
        new StoreOpenError(dataDir, 'the directory cannot be created (ENOTDIR: not a directory)'),
      );
    });

    it('names a file that is not a database, and leaves it as it was', () => {
      const file = fileIn();
      const garbage = Buffer.from('this is not a SQLite database, only bytes '.repeat(200));
      writeFileSync(file, garbage);
      expect(() => openDatabaseFile(file)).toThrow(
        new StoreOpenError(file, 'file is not a database (SQLITE_NOTADB)'),
      );
      expect(readFileSync(file)).toEqual(garbage);
    });
  });
});
