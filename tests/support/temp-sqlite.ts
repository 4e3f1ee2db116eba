import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../../server/store/sqlite/open.ts';
import { SqliteRoomStore } from '../../server/store/sqlite/sqlite-store.ts';

/** A fresh directory under the system's temp dir, removed (with everything in it) by `remove`. */
export interface TempDir {
  readonly dir: string;
  readonly remove: () => void;
}

export function tempDir(prefix = 'tandem-test-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A SQLite store on a file of its own; `remove` deletes the file (close the store first). */
export interface TempSqliteStore extends TempDir {
  readonly store: SqliteRoomStore;
  /** The database file: what the store writes, for tests that read its bytes. */
  readonly file: string;
}

export function tempSqliteStore(): TempSqliteStore {
  const temp = tempDir();
  return {
    ...temp,
    store: SqliteRoomStore.openIn(temp.dir),
    file: path.join(temp.dir, DATABASE_FILE),
  };
}

/** Every byte SQLite has on disk for a database: the main file and its write-ahead log. */
export function bytesOnDisk(file: string): Buffer {
  const wal = `${file}-wal`;
  return Buffer.concat([readFileSync(file), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}
