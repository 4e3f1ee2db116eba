import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../room-store.ts';

/**
 * SQLite result codes that mean "cannot write now, nothing was written": the disk is full or
 * failing, the file is locked or read-only. Extended codes (SQLITE_IOERR_FSYNC, say) count too.
 */
const UNAVAILABLE_CODES = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
];

const isUnavailable = (code: string): boolean =>
  UNAVAILABLE_CODES.some((known) => code === known || code.startsWith(`${known}_`));

/**
 * The error a store call throws for `error`: a StoreUnavailableError for the codes above (the
 * transaction was rolled back, so the phone may retry), the error itself otherwise.
 */
export function storeErrorOf(error: unknown): Error {
  if (error instanceof Database.SqliteError && isUnavailable(error.code)) {
    return new StoreUnavailableError(error.code, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** `message (CODE)` for a SQLite error, the message for any other: for a one-line report. */
export function describeSqliteError(error: unknown): string {
  if (error instanceof Database.SqliteError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
