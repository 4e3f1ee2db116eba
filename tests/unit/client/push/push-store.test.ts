import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { PushRecord } from '../../../../client/src/push/push-store.ts';
import { PushStore } from '../../../../client/src/push/push-store.ts';
import { DATABASE_NAME, openAppDatabase } from '../../../../client/src/room/database.ts';
import { openIndexedDbStore } from '../../../../client/src/room/indexed-db-store.ts';
import { openDatabase } from '../../../../client/src/room/idb.ts';
import { NOTIFICATION_WORDS_EN } from '../../../../client/src/ui/text/notification-words.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../../shared/crypto/codec.ts';

async function recordFor(secret = newRoomSecret()): Promise<PushRecord> {
  const { roomId, contentKey } = await deriveRoomKeys(secret);
  return {
    roomId,
    contentKey,
    showSignalName: false,
    language: 'en',
    words: NOTIFICATION_WORDS_EN,
    address: `https://tandem.example/#${secret}`,
  };
}

describe('the push record store', () => {
  it('keeps a record with its non-extractable key, and gives it back usable', async () => {
    const store = new PushStore(new IDBFactory());
    const record = await recordFor();
    expect(await store.put(record)).toBe(true);
    const read = await store.get(record.roomId);
    expect(read).toMatchObject({ roomId: record.roomId, address: record.address, language: 'en' });
    expect(read?.contentKey.extractable).toBe(false);
    // The key still works after the structured clone: it can seal what the original opens.
    if (read === null) throw new Error('not kept');
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      read.contentKey,
      new Uint8Array([1, 2, 3]),
    );
    const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, record.contentKey, sealed);
    expect([...new Uint8Array(opened)]).toEqual([1, 2, 3]);
  });

  it('counts the rooms with notifications on, and forgets one room only', async () => {
    const store = new PushStore(new IDBFactory());
    const [a, b] = [await recordFor(), await recordFor()];
    await store.put(a);
    await store.put(b);
    expect(await store.count()).toBe(2);
    await store.delete(a.roomId);
    expect(await store.get(a.roomId)).toBeNull();
    expect(await store.get(b.roomId)).not.toBeNull();
    expect(await store.count()).toBe(1);
  });

  it('reads a damaged record as none', async () => {
    const factory = new IDBFactory();
    const db = await openAppDatabase(factory);
    const transaction = db.transaction('push', 'readwrite');
    transaction.objectStore('push').put({ roomId: 'r', contentKey: 'not a key' });
    await new Promise((resolve) => {
      transaction.oncomplete = resolve;
    });
    db.close();
    expect(await new PushStore(factory).get('r')).toBeNull();
  });

  it('answers nothing, and never rejects, without IndexedDB', async () => {
    const store = new PushStore(undefined);
    const record = await recordFor();
    expect(await store.put(record)).toBe(false);
    expect(await store.get(record.roomId)).toBeNull();
    expect(await store.count()).toBe(0);
  });

  it("is forgotten with the room's log when the room ends", async () => {
    const factory = new IDBFactory();
    const record = await recordFor();
    await new PushStore(factory).put(record);
    const rooms = await openIndexedDbStore(factory);
    await rooms.forget(record.roomId);
    expect(await new PushStore(factory).get(record.roomId)).toBeNull();
  });

  it("upgrades a version-1 database, keeping the rooms' logs", async () => {
    const factory = new IDBFactory();
    const old = await openDatabase(factory, DATABASE_NAME, 1, (db) => {
      db.createObjectStore('rooms', { keyPath: 'roomId' });
      db.createObjectStore('envelopes', { keyPath: ['roomId', 'seq'] }).createIndex(
        'byRoom',
        'roomId',
      );
      db.createObjectStore('outbox', { keyPath: ['roomId', 'eventId'] }).createIndex(
        'byRoom',
        'roomId',
      );
    });
    const transaction = old.transaction('rooms', 'readwrite');
    transaction.objectStore('rooms').put({ roomId: 'kept', incarnation: 'first', lastSeq: 0 });
    await new Promise((resolve) => {
      transaction.oncomplete = resolve;
    });
    old.close();
    const rooms = await openIndexedDbStore(factory);
    expect(await rooms.loadLog('kept')).toMatchObject({ incarnation: 'first', lastSeq: 0 });
    const record = await recordFor();
    expect(await new PushStore(factory).put(record)).toBe(true);
  });
});
