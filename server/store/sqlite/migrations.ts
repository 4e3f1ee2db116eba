import type { Database } from 'better-sqlite3';

/**
 * The schema, as an ordered list of steps. `PRAGMA user_version` records how many have been
 * applied; opening a database applies the missing ones, each in its own transaction, so a later
 * schema change migrates a file in place and never loses a room. Never edit a shipped step: add
 * one.
 */
export interface Migration {
  /** 1 for the first step, then 2, 3, ...: the user_version once this step is applied. */
  readonly version: number;
  readonly summary: string;
  readonly up: (db: Database) => void;
}

/**
 * Version 1. A room's seats and log hang off its incarnation, and `ON DELETE CASCADE` removes them
 * with it, so deleting one incarnation can never touch another's rows. Types and ranges are
 * enforced by STRICT tables and CHECKs, so nothing malformed is ever read back.
 */
const ROOMS_SEATS_ENVELOPES = `
  CREATE TABLE rooms (
    room_id        TEXT    NOT NULL PRIMARY KEY,
    incarnation    TEXT    NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL,
    last_active_at INTEGER NOT NULL,
    last_seq       INTEGER NOT NULL CHECK (last_seq >= 0)
  ) STRICT;
  -- The sweep looks for rooms idle too long or too old.
  CREATE INDEX rooms_by_last_active_at ON rooms (last_active_at);
  CREATE INDEX rooms_by_created_at ON rooms (created_at);

  CREATE TABLE seats (
    incarnation TEXT    NOT NULL REFERENCES rooms (incarnation) ON DELETE CASCADE,
    seat        INTEGER NOT NULL CHECK (seat IN (0, 1)),
    member_id   TEXT    NOT NULL,
    secret_hash TEXT    NOT NULL,
    PRIMARY KEY (incarnation, seat),
    -- One member, one seat.
    UNIQUE (incarnation, member_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE envelopes (
    incarnation TEXT    NOT NULL REFERENCES rooms (incarnation) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    event_id    TEXT    NOT NULL,
    seat        INTEGER NOT NULL CHECK (seat IN (0, 1)),
    ciphertext  TEXT    NOT NULL,
    notify      INTEGER NOT NULL CHECK (notify IN (0, 1)),
    stored_at   INTEGER NOT NULL,
    PRIMARY KEY (incarnation, seq),
    -- Deduplication: an event id is stored once per room incarnation.
    UNIQUE (incarnation, event_id)
  ) STRICT;
`;

/**
 * Version 2. The time the phones asked to keep a room until (follow-ups), 0 for rooms that never
 * asked: every room of a version-1 file lives exactly as it did. A room is idle from the later of
 * its last activity and this, so the sweep's index is on that expression (the sweep's query names
 * the same expression, or SQLite would not use it); the index on last activity alone served only
 * the sweep, and goes.
 */
const KEEP_UNTIL = `
  ALTER TABLE rooms ADD COLUMN keep_until INTEGER NOT NULL DEFAULT 0 CHECK (keep_until >= 0);
  DROP INDEX rooms_by_last_active_at;
  CREATE INDEX rooms_by_idle_from ON rooms (max(last_active_at, keep_until));
`;

/**
 * Version 3. Each room's join verifier (shared/crypto/join-proof.ts), which checks that a joining
 * phone holds the room secret. Rooms of an older file have none (NULL) and cannot learn one: no
 * new device can join them, while the devices already seated return with their member secrets
 * (store/claim.ts). The verifier proves joins; it decrypts nothing.
 */
const JOIN_VERIFIER = `
  ALTER TABLE rooms ADD COLUMN join_verifier TEXT
    CHECK (join_verifier IS NULL OR length(join_verifier) = 43);
`;

/**
 * Version 4. Web Push (server/push/): each seat's push subscription and the times its phone asked
 * to be woken, hanging off the seat's incarnation so they go with the room (and the wakes with
 * the subscription); and the server's VAPID key pair, one row, made on first start.
 */
const PUSH = `
  CREATE TABLE push_subscriptions (
    incarnation TEXT    NOT NULL REFERENCES rooms (incarnation) ON DELETE CASCADE,
    seat        INTEGER NOT NULL CHECK (seat IN (0, 1)),
    endpoint    TEXT    NOT NULL,
    p256dh      TEXT    NOT NULL,
    auth        TEXT    NOT NULL,
    PRIMARY KEY (incarnation, seat)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE push_wakes (
    incarnation TEXT    NOT NULL,
    seat        INTEGER NOT NULL,
    at          INTEGER NOT NULL CHECK (at >= 0),
    PRIMARY KEY (incarnation, seat, at),
    FOREIGN KEY (incarnation, seat)
      REFERENCES push_subscriptions (incarnation, seat) ON DELETE CASCADE
  ) STRICT, WITHOUT ROWID;
  -- The wake timer takes the ones due.
  CREATE INDEX push_wakes_by_at ON push_wakes (at);

  CREATE TABLE vapid_keys (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    public_key  TEXT    NOT NULL,
    private_key TEXT    NOT NULL
  ) STRICT;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    summary: 'rooms, seats and envelopes',
    up: (db) => db.exec(ROOMS_SEATS_ENVELOPES),
  },
  {
    version: 2,
    summary: 'rooms kept until a time (follow-ups)',
    up: (db) => db.exec(KEEP_UNTIL),
  },
  {
    version: 3,
    summary: 'join verifiers (join proofs)',
    up: (db) => db.exec(JOIN_VERIFIER),
  },
  {
    version: 4,
    summary: 'push subscriptions, wakes and VAPID keys',
    up: (db) => db.exec(PUSH),
  },
];

/** A database written by a newer build: this one does not know its schema and must not touch it. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';

  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `schema version ${String(found)} is newer than this server knows (${String(known)}); ` +
        'run the newer server, or restore a backup made by this version',
    );
  }
}

export const schemaVersionOf = (db: Database): number =>
  db.pragma('user_version', { simple: true }) as number;

/**
 * Brings `db` up to the last step of `migrations`, one transaction per step: a step that fails
 * leaves the database at the step before it. Returns the versions before and after.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { readonly from: number; readonly to: number } {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${String(index)} has version ${String(migration.version)}`);
    }
  });
  const known = migrations.length;
  const from = schemaVersionOf(db);
  if (from > known) throw new SchemaTooNewError(from, known);
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      // user_version lives in the database header, written by this same transaction.
      db.pragma(`user_version = ${String(migration.version)}`);
    }).immediate();
  }
  return { from, to: known };
}
