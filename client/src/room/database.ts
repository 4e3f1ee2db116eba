import { openDatabase } from './idb.ts';

/**
 * The app's one IndexedDB database, opened by the page (indexed-db-store.ts, push-store.ts) and by
 * the service worker (push-store.ts): both must open it at the same version with the same steps,
 * or one would block the other's upgrade.
 * - `rooms`, `envelopes`, `outbox`: the room's log and what is not sent yet (indexed-db-store.ts);
 * - `push` (version 2): { roomId, … } what the service worker needs to open a push of the room.
 */
export const DATABASE_NAME = 'tandem';
const VERSION = 2;
export const ROOMS = 'rooms';
export const ENVELOPES = 'envelopes';
export const OUTBOX = 'outbox';
export const PUSH = 'push';
/** The index on `roomId` in `envelopes` and `outbox`. */
export const BY_ROOM = 'byRoom';
export const OBJECT_STORES = [ROOMS, ENVELOPES, OUTBOX, PUSH] as const;

/** Each step brings the schema from one version to the next; a later version appends one. */
function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(ROOMS, { keyPath: 'roomId' });
    db.createObjectStore(ENVELOPES, { keyPath: ['roomId', 'seq'] }).createIndex(BY_ROOM, 'roomId');
    db.createObjectStore(OUTBOX, { keyPath: ['roomId', 'eventId'] }).createIndex(BY_ROOM, 'roomId');
  }
  if (oldVersion < 2) {
    db.createObjectStore(PUSH, { keyPath: 'roomId' });
  }
}

/** Opens (creating or upgrading) the app's database; rejects if this browser will not open it. */
export const openAppDatabase = (factory: IDBFactory): Promise<IDBDatabase> =>
  openDatabase(factory, DATABASE_NAME, VERSION, upgrade);
