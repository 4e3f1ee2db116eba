import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describeSqliteError } from './errors.ts';
import { migrate } from './migrations.ts';

/** The database's name inside DATA_DIR. */
export const DATABASE_FILE = 'tandem.sqlite';

/** How long a write waits for a lock held by another connection (a backup, say) before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/** The store cannot be opened: the server must not start. The message names the path. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`cannot open the store at ${path}: ${problem}`);
  }
}

/** Creates `dataDir` (and its parents) if needed and opens the database in it. */
export function openDatabaseIn(dataDir: string): Database.Database {
  const directory = path.resolve(dataDir);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StoreOpenError(
      directory,
      `the directory cannot be created (${describeFsError(error)})`,
    );
  }
  return openDatabaseFile(path.join(directory, DATABASE_FILE));
}

/** Opens (or creates) the database file, sets its pragmas and brings its schema up to date. */
export function openDatabaseFile(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new StoreOpenError(file, describeSqliteError(error));
  }
  try {
    applyPragmas(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw new StoreOpenError(file, describeSqliteError(error));
  }
}

function applyPragmas(db: Database.Database): void {
  db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
  // Write-ahead logging: a commit appends to the -wal file, and readers never block the writer.
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal')
    throw new Error(`write-ahead logging is unavailable here (got ${String(mode)})`);
  // An acknowledged envelope must survive a power cut, not only a crash of this process. With WAL,
  // NORMAL syncs only at checkpoints, so the last commits before a power loss or kernel panic
  // can vanish although the phone was told they were stored. FULL syncs the WAL at every commit,
  // before the store call returns and so before the acknowledgement: one fsync per append.
  db.pragma('synchronous = FULL');
  // A deleted room's bytes are overwritten with zeros rather than left in free pages.
  db.pragma('secure_delete = ON');
  // Seats and envelopes are removed with their room (ON DELETE CASCADE) only when this is on.
  db.pragma('foreign_keys = ON');
}

/** `ENOTDIR: not a directory` from a Node file-system error, without the path it repeats. */
function describeFsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.replace(/, \w+ '.*'$/, '');
}
