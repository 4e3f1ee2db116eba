import { describe, expect, it } from 'vitest';
import { forgetJournal, moveJournalIntoStore } from '../../../client/src/room/outbox-journal.ts';
import type { LocalStore } from '../../../client/src/room/local-store.ts';
import { MemoryStore } from '../../../client/src/room/local-store.ts';
import { Outbox } from '../../../client/src/room/outbox.ts';
import type { OutboxEntry } from '../../../client/src/room/outbox.ts';
import { readJson, writeJson } from '../../../client/src/room/storage.ts';
import { fixedEventId, newRoomId } from '../../support/ids.ts';
import { FullStorage, MemoryStorage } from '../../support/memory-storage.ts';
import { TestBrowser } from '../../support/test-browser.ts';

const ROOM = newRoomId();
const LEGACY_KEY = `tandem.outbox.${ROOM}`;

function entry(n: number, ackedSeq: number | null = null): OutboxEntry {
  const events: OutboxEntry['event'][] = [
    { type: 'signal', kind: 'pause' },
    { type: 'checklist_item_added', itemId: `item-${String(n)}`, label: 'Tea', audience: 'both' },
    { type: 'signal_seen', signalIds: [fixedEventId(100 + n)] },
    { type: 'session_ended' },
  ];
  const event = events[n % events.length] ?? { type: 'session_started' };
  return { eventId: fixedEventId(n), event, queuedAt: 1_700_000_000_000 + n, ackedSeq };
}

const ids = (entries: readonly OutboxEntry[]) => entries.map((e) => e.eventId);

/** A page's outbox on `local`, loaded as a page load would. */
async function loaded(local: LocalStore, written?: () => void): Promise<Outbox> {
  const outbox = new Outbox(local, ROOM, written);
  await outbox.reload();
  return outbox;
}

/** What the store holds of ROOM's outbox (await an outbox's reload() first: writes run in order). */
const written = async (local: LocalStore): Promise<OutboxEntry[]> => local.loadOutbox(ROOM);

describe('Outbox', () => {
  it('starts empty on a fresh store', async () => {
    const outbox = await loaded(new MemoryStore());
    expect(outbox.entries).toEqual([]);
    expect(outbox.nextUnacked()).toBeUndefined();
  });

  it('R8: writes every change through, so the next page load (a new instance) sees it', async () => {
    const browser = new TestBrowser();
    const outbox = await loaded(browser.openPage());
    outbox.add(entry(1));
    outbox.add(entry(2));
    // Shown at once, before anything is written.
    expect(outbox.entries).toEqual([entry(1), entry(2)]);
    outbox.markAcked(fixedEventId(1), 7);
    outbox.add(entry(3));
    outbox.drop(fixedEventId(3));
    await outbox.reload();
    expect((await loaded(browser.openPage())).entries).toEqual([entry(1, 7), entry(2)]);
  });

  it('keeps rooms apart', async () => {
    const local = new MemoryStore();
    const outbox = await loaded(local);
    const other = new Outbox(local, newRoomId());
    outbox.add(entry(1));
    other.add(entry(2));
    await Promise.all([outbox.reload(), other.reload()]);
    expect(outbox.entries).toEqual([entry(1)]);
    expect(other.entries).toEqual([entry(2)]);
    expect(await written(local)).toEqual([entry(1)]);
  });

  it('nextUnacked is the oldest entry the server has not acknowledged', async () => {
    const outbox = await loaded(new MemoryStore());
    outbox.add(entry(1));
    outbox.add(entry(2));
    outbox.add(entry(3));
    expect(outbox.nextUnacked()?.eventId).toBe(fixedEventId(1));
    outbox.markAcked(fixedEventId(1), 10);
    expect(outbox.nextUnacked()?.eventId).toBe(fixedEventId(2));
    outbox.markAcked(fixedEventId(3), 12);
    expect(outbox.nextUnacked()?.eventId).toBe(fixedEventId(2));
    outbox.markAcked(fixedEventId(2), 11);
    expect(outbox.nextUnacked()).toBeUndefined();
    // Acknowledged entries stay until the log holds them: they are shown as "sent".
    expect(outbox.entries.map((e) => e.ackedSeq)).toEqual([10, 11, 12]);
  });

  it('markAcked of an unknown event id changes nothing', async () => {
    const outbox = await loaded(new MemoryStore());
    outbox.add(entry(1));
    outbox.markAcked(fixedEventId(9), 3);
    expect(outbox.entries).toEqual([entry(1)]);
  });

  it('settle removes the entries the log now holds and reports whether any left', async () => {
    const local = new MemoryStore();
    const outbox = await loaded(local);
    for (const n of [1, 2, 3, 4]) outbox.add(entry(n));
    const before = outbox.entries;
    expect(outbox.settle(new Set([fixedEventId(8), fixedEventId(9)]))).toBe(false);
    expect(outbox.entries).toBe(before);
    expect(outbox.settle(new Set([fixedEventId(3), fixedEventId(1), fixedEventId(9)]))).toBe(true);
    expect(ids(outbox.entries)).toEqual([fixedEventId(2), fixedEventId(4)]);
    await outbox.reload();
    expect(ids(await written(local))).toEqual([fixedEventId(2), fixedEventId(4)]);
  });

  it('forgetAcks makes every entry unacknowledged again (the log they named was replaced)', async () => {
    const outbox = await loaded(new MemoryStore());
    outbox.add(entry(1, 4));
    outbox.add(entry(2));
    outbox.forgetAcks();
    expect(outbox.entries).toEqual([entry(1), entry(2)]);
    expect(outbox.nextUnacked()?.eventId).toBe(fixedEventId(1));
  });

  it('never mutates the entries array it handed out', async () => {
    const outbox = await loaded(new MemoryStore());
    outbox.add(entry(1));
    const snapshot = outbox.entries;
    outbox.add(entry(2));
    outbox.markAcked(fixedEventId(1), 4);
    expect(snapshot).toEqual([entry(1)]);
  });

  it('reload() takes in what another page wrote, and never loses a change made meanwhile', async () => {
    const browser = new TestBrowser();
    const mine = await loaded(browser.openPage());
    const theirs = await loaded(browser.openPage());
    theirs.add(entry(1));
    await theirs.reload();
    const reloading = mine.reload();
    // Tapped while the re-read is under way: it must not be overwritten by the older read.
    mine.add(entry(2));
    await reloading;
    expect(ids(mine.entries)).toEqual([fixedEventId(1), fixedEventId(2)]);
  });

  it('tells its page once each change is written, so other tabs can re-read it', async () => {
    const told: number[] = [];
    const outbox = await loaded(new TestBrowser().openPage(), () => told.push(told.length));
    outbox.add(entry(1));
    outbox.markAcked(fixedEventId(1), 2);
    await outbox.reload();
    expect(told).toEqual([0, 1]);
  });

  it('R6: once forgotten, nothing is written, not even the writes queued before', async () => {
    const browser = new TestBrowser();
    const local = browser.openPage();
    const outbox = new Outbox(local, ROOM, undefined, browser.storage);
    outbox.add(entry(1));
    outbox.markAcked(fixedEventId(1), 3);
    outbox.forget();
    // What the room's end removes (LocalStore.forget), then a tap the closed room still got.
    await local.forget(ROOM);
    outbox.add(entry(2));
    await outbox.reload();
    expect(outbox.entries).toEqual([]);
    expect(await local.loadOutbox(ROOM)).toEqual([]);
    expect(await browser.holdsAnythingOf('no-secret-here', ROOM)).toEqual([]);
  });

  it('on a store that keeps nothing (memory) it still works, and tells no one', async () => {
    const told: string[] = [];
    const outbox = await loaded(new MemoryStore(), () => told.push('written'));
    outbox.add(entry(1));
    await outbox.reload();
    expect(outbox.entries).toEqual([entry(1)]);
    expect(told).toEqual([]);
  });
});

describe('the outbox journal: a tap outlives a page that goes before its write', () => {
  /** A local store whose writes never finish: the page went before IndexedDB kept anything. */
  class PageThatWent extends MemoryStore {
    override putOutbox(): Promise<boolean> {
      return new Promise(() => undefined);
    }
  }

  it('R10: an entry the local store did not keep is still announced, so the sending tab reads it from the journal', async () => {
    const storage = new MemoryStorage();
    const told: string[] = [];
    // MemoryStore keeps nothing beyond the page (IndexedDB missing): the write reports false.
    const outbox = new Outbox(new MemoryStore(), ROOM, () => told.push('outbox'), storage);
    outbox.add(entry(1));
    await outbox.reload();
    expect(told).toEqual(['outbox']);
    // The other tab's outbox, on its own memory store, finds the entry through the journal.
    const other = new Outbox(new MemoryStore(), ROOM, undefined, storage);
    await other.reload();
    expect(ids(other.entries)).toEqual([entry(1).eventId]);
  });

  it('R6: a journal read while the room ends writes nothing back into the local store', async () => {
    const browser = new TestBrowser();
    const local = browser.openPage();
    writeJson(browser.storage, LEGACY_KEY, [entry(1)]);
    let kept = true;
    // The room ends while the kept outbox is being read.
    const reading = moveJournalIntoStore(browser.storage, local, ROOM, () => kept);
    kept = false;
    await reading;
    expect(await local.loadOutbox(ROOM)).toEqual([]);
  });

  it('R8: an entry is in Web Storage before add() returns, and the next page keeps it', async () => {
    const browser = new TestBrowser();
    const outbox = new Outbox(new PageThatWent(), ROOM, undefined, browser.storage);
    outbox.add(entry(1));
    // Synchronously journalled: nothing awaited.
    expect(readJson(browser.storage, LEGACY_KEY)).toEqual([entry(1)]);

    // The next page load moves the journal into the local store, and the outbox has the tap.
    const next = browser.openPage();
    await moveJournalIntoStore(browser.storage, next, ROOM);
    expect(ids((await loaded(next)).entries)).toEqual([entry(1).eventId]);
    expect(browser.storage.getItem(LEGACY_KEY)).toBeNull();
  });

  it('R8: a tap whose write failed stays queued across reload(), since the journal still has it', async () => {
    /** A local store whose writes fail (quota): it keeps nothing new. */
    class WritesFail extends MemoryStore {
      override putOutbox(): Promise<boolean> {
        return Promise.resolve(false);
      }
    }
    const browser = new TestBrowser();
    const outbox = new Outbox(new WritesFail(), ROOM, undefined, browser.storage);
    outbox.add(entry(1));
    await outbox.reload();
    expect(outbox.entries).toEqual([entry(1)]);
    expect(readJson(browser.storage, LEGACY_KEY)).toEqual([entry(1)]);
  });

  it('R8: reload() prefers the kept copy of an entry the journal also holds (it may be acked)', async () => {
    const browser = new TestBrowser();
    const local = browser.openPage();
    await local.putOutbox(ROOM, [entry(1, 5)]);
    writeJson(browser.storage, LEGACY_KEY, [entry(1), entry(2)]);
    const outbox = new Outbox(local, ROOM, undefined, browser.storage);
    await outbox.reload();
    expect(outbox.entries).toEqual([entry(1, 5), entry(2)]);
    await moveJournalIntoStore(browser.storage, local, ROOM);
    expect(await local.loadOutbox(ROOM)).toEqual([entry(1, 5), entry(2)]);
    expect(browser.storage.getItem(LEGACY_KEY)).toBeNull();
  });

  it('lets go of an entry once the local store keeps it, and of a settled one at once', async () => {
    const browser = new TestBrowser();
    const outbox = new Outbox(browser.openPage(), ROOM, undefined, browser.storage);
    outbox.add(entry(1));
    await outbox.reload();
    expect(browser.storage.getItem(LEGACY_KEY)).toBeNull();

    const stuck = new Outbox(new PageThatWent(), ROOM, undefined, browser.storage);
    stuck.add(entry(2));
    stuck.add(entry(3));
    stuck.settle(new Set([entry(2).eventId]));
    expect(readJson(browser.storage, LEGACY_KEY)).toEqual([entry(3)]);
  });
});

describe('moveJournalIntoStore: the Web Storage outbox of earlier builds', () => {
  it('moves the entries into the local store once, then removes the old copy', async () => {
    const browser = new TestBrowser();
    writeJson(browser.storage, LEGACY_KEY, [entry(1), entry(2, 9)]);
    const local = browser.openPage();
    await moveJournalIntoStore(browser.storage, local, ROOM);
    expect(await local.loadOutbox(ROOM)).toEqual([entry(1), entry(2, 9)]);
    expect(browser.storage.getItem(LEGACY_KEY)).toBeNull();
    // Nothing left to move: a second run changes nothing.
    await moveJournalIntoStore(browser.storage, local, ROOM);
    expect(await local.loadOutbox(ROOM)).toEqual([entry(1), entry(2, 9)]);
  });

  it('keeps the old copy when the local store keeps nothing (IndexedDB unavailable)', async () => {
    const storage = new MemoryStorage();
    writeJson(storage, LEGACY_KEY, [entry(1)]);
    const local = new MemoryStore();
    await moveJournalIntoStore(storage, local, ROOM);
    expect(await local.loadOutbox(ROOM)).toEqual([entry(1)]);
    expect(readJson(storage, LEGACY_KEY)).toEqual([entry(1)]);
    forgetJournal(storage, ROOM);
    expect(storage.getItem(LEGACY_KEY)).toBeNull();
  });

  it.each([
    ['not JSON', '{oops'],
    ['an object', '{"eventId":"x"}'],
    ['an entry with a bad event id', JSON.stringify([{ ...entry(1), eventId: 'short' }])],
    ['an entry of an unknown type', JSON.stringify([{ ...entry(1), event: { type: 'launch' } }])],
  ])('%s: nothing moved, the old copy removed', async (_, raw) => {
    const browser = new TestBrowser();
    browser.storage.setItem(LEGACY_KEY, raw);
    const local = browser.openPage();
    await moveJournalIntoStore(browser.storage, local, ROOM);
    expect(await local.loadOutbox(ROOM)).toEqual([]);
    expect(browser.storage.getItem(LEGACY_KEY)).toBeNull();
  });

  it('one unreadable entry does not cost the others', async () => {
    const browser = new TestBrowser();
    browser.storage.setItem(LEGACY_KEY, JSON.stringify([{ eventId: 'bad' }, entry(3)]));
    const local = browser.openPage();
    await moveJournalIntoStore(browser.storage, local, ROOM);
    expect(await local.loadOutbox(ROOM)).toEqual([entry(3)]);
  });
});

describe('storage helpers', () => {
  it('readJson gives null for a missing key or unparsable text', () => {
    const storage = new MemoryStorage();
    expect(readJson(storage, 'absent')).toBeNull();
    storage.setItem('bad', '{');
    expect(readJson(storage, 'bad')).toBeNull();
    storage.setItem('good', '[1,{"a":2}]');
    expect(readJson(storage, 'good')).toEqual([1, { a: 2 }]);
  });

  it('writeJson swallows a throwing setItem', () => {
    const storage = new FullStorage();
    expect(() => {
      writeJson(storage, 'k', { a: 1 });
    }).not.toThrow();
    expect(storage.writes).toBe(1);
    expect(storage.getItem('k')).toBeNull();
  });
});
