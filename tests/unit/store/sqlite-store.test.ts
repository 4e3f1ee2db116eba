import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../server/store/room-store.ts';
import { BUSY_TIMEOUT_MS } from '../../../server/store/sqlite/open.ts';
import { SqliteRoomStore } from '../../../server/store/sqlite/sqlite-store.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { randomBase64url } from '../../../shared/crypto/base64url.ts';
import { bytesOnDisk, tempSqliteStore } from '../../support/temp-sqlite.ts';
import type { TempSqliteStore } from '../../support/temp-sqlite.ts';
import { Rooms, T, appended, at, envelope, newCredential } from './contract/support.ts';
import { describeRoomStoreContract } from './room-store-contract.ts';

describeRoomStoreContract('SqliteRoomStore', () => {
  const temp = tempSqliteStore();
  return Promise.resolve({ store: temp.store, cleanup: temp.remove });
});

/**
 * Whether any 32-character piece of `text` (or all of a shorter one) is in `bytes`. A long value is spread over overflow
 * pages, so it is never whole in the file; its pieces are.
 */
function holdsAnyOf(bytes: Buffer, text: string): boolean {
  const size = Math.min(32, text.length);
  for (let start = 0; start + size <= text.length; start += size) {
    if (bytes.includes(text.slice(start, start + size))) return true;
  }
  return false;
}

/** A ciphertext as long as the contract allows: larger than a page, so it needs new pages. */
const largeCiphertext = (): string => randomBase64url((LIMITS.maxCiphertextChars * 3) / 4);

describe('SqliteRoomStore on its file', () => {
  let temp: TempSqliteStore | null = null;
  let reopened: SqliteRoomStore | null = null;

  const open = (): TempSqliteStore => (temp = tempSqliteStore());

  afterEach(async () => {
    await reopened?.close();
    await temp?.store.close();
    temp?.remove();
    temp = null;
    reopened = null;
  });

  it('R3: keeps rooms, seats, incarnations and logs across close and reopen', async () => {
    const { store, dir } = open();
    const rooms = new Rooms(() => store);
    const room = await rooms.pair();
    const log = await rooms.fill(room, 5);
    const record = await store.getRoom(room.ref.roomId);
    await store.close();

    reopened = SqliteRoomStore.openIn(dir);
    const again = new Rooms(() => reopened ?? store);
    expect(await reopened.getRoom(room.ref.roomId)).toEqual(record);
    expect(await again.log(room.ref)).toEqual(log);
    // Both seats still belong to their members, and sequence numbers carry on.
    expect(appended(await again.append(room.holder(1), envelope(), T + 900)).seq).toBe(6);
  });

  it('runs with the pragmas that make a commit durable and a deletion thorough', () => {
    const { store } = open();
    expect(store.pragmaForTests('journal_mode')).toBe('wal');
    // 2 is FULL: the WAL is synced at every commit.
    expect(store.pragmaForTests('synchronous')).toBe(2);
    expect(store.pragmaForTests('secure_delete')).toBe(1);
    expect(store.pragmaForTests('foreign_keys')).toBe(1);
    expect(store.pragmaForTests('busy_timeout')).toBe(BUSY_TIMEOUT_MS);
  });

  it("R6: leaves no byte of a deleted room's ciphertext in the file or its log", async () => {
    const { store, file } = open();
    const rooms = new Rooms(() => store);
    const [doomed, kept] = [await rooms.pair(), await rooms.pair()];
    const doomedSent = [envelope(), envelope({ ciphertext: largeCiphertext() })];
    const keptSent = envelope();
    for (const sent of doomedSent) appended(await rooms.append(doomed.holder(0), sent));
    appended(await rooms.append(kept.holder(0), keptSent));
    const onDisk = bytesOnDisk(file);
    for (const sent of [...doomedSent, keptSent]) {
      expect(holdsAnyOf(onDisk, sent.ciphertext)).toBe(true);
    }

    expect(await store.deleteRoom(doomed.ref)).toBe(true);
    const afterDelete = bytesOnDisk(file);
    for (const sent of doomedSent) expect(holdsAnyOf(afterDelete, sent.ciphertext)).toBe(false);
    expect(afterDelete.includes(doomed.ref.roomId)).toBe(false);
    expect(afterDelete.includes(doomed.ref.incarnation)).toBe(false);
    expect(holdsAnyOf(afterDelete, keptSent.ciphertext)).toBe(true);
  });

  it('R6: a delete while another reader holds the file (a backup) does not fail; the next sweep empties the WAL', async () => {
    const { store, file } = open();
    const rooms = new Rooms(() => store);
    const doomed = await rooms.pair();
    const sent = envelope({ ciphertext: largeCiphertext() });
    appended(await rooms.append(doomed.holder(0), sent));
    // A second connection in the middle of a read, as a running backup is.
    const reader = new Database(file, { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM rooms').get();
      expect(await store.deleteRoom(doomed.ref)).toBe(true);
      // The checkpoint gave way to the reader (rather than sitting out the busy timeout with the
      // event loop blocked), and the busy timeout is back for everything else.
      expect(store.walHoldsDeletedForTests).toBe(true);
      expect(store.pragmaForTests('busy_timeout')).toBe(BUSY_TIMEOUT_MS);
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    await store.listEnded(at(T), 10);
    expect(store.walHoldsDeletedForTests).toBe(false);
    expect(holdsAnyOf(bytesOnDisk(file), sent.ciphertext)).toBe(false);
  });

  describe('a full disk', () => {
    it('R4: refuses an append with StoreUnavailableError, writes nothing, and takes the same event once there is room', async () => {
      const { store } = open();
      const rooms = new Rooms(() => store);
      const room = await rooms.pair();
      const before = await rooms.fill(room, 3);
      const record = await store.getRoom(room.ref.roomId);
      const unlimited = store.pragmaForTests('max_page_count');
      // SQLite never goes below the pages in use: this leaves no page to grow into.
      store.pragmaForTests('max_page_count = 1');

      const sent = envelope({ ciphertext: largeCiphertext() });
      const refused = rooms.append(room.holder(0), sent, T + 500);
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toMatchObject({ code: 'SQLITE_FULL' });
      expect(await rooms.log(room.ref)).toEqual(before);
      expect(await store.getRoom(room.ref.roomId)).toEqual(record);

      store.pragmaForTests(`max_page_count = ${String(unlimited)}`);
      const retried = appended(await rooms.append(room.holder(0), sent, T + 501));
      expect(retried).toMatchObject({ seq: 4, eventId: sent.eventId, ciphertext: sent.ciphertext });
      expect(await rooms.log(room.ref)).toEqual([...before, retried]);
    });

    it('R4: refuses to make a room, and makes none', async () => {
      const { store } = open();
      const rooms = new Rooms(() => store);
      await rooms.pair();
      store.pragmaForTests('max_page_count = 1');
      // Rooms fill the free space left in the last page, until a new one needs another page.
      let made = 0;
      let refused: unknown = null;
      for (let i = 0; i < 500 && refused === null; i += 1) {
        await rooms.with([newCredential()]).then(
          () => (made += 1),
          (error: unknown) => (refused = error),
        );
      }
      expect(refused).toBeInstanceOf(StoreUnavailableError);
      expect(roomCount(store)).toBe(1 + made);
    });
  });

  it('an error that is not about storage (a closed store) stays what it is: internal', async () => {
    const { store } = open();
    await store.close();
    const failed = store.getRoom('x');
    await expect(failed).rejects.toBeInstanceOf(Error);
    await expect(failed).rejects.not.toBeInstanceOf(StoreUnavailableError);
  });
});

const roomCount = (store: SqliteRoomStore): number =>
  (JSON.parse(store.dumpForTests()) as unknown[]).length;
