import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { LocalStore } from '../../../client/src/room/local-store.ts';
import { MemoryStore } from '../../../client/src/room/local-store.ts';
import { openLocalStore } from '../../../client/src/room/open-local-store.ts';
import type { OutboxEntry } from '../../../client/src/room/outbox.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import { fixedEventId, newRoomId } from '../../support/ids.ts';
import { TestBrowser } from '../../support/test-browser.ts';

const envelope = (seq: number): StoredEnvelope => ({
  seq,
  eventId: fixedEventId(seq),
  seat: (seq % 2) as 0 | 1,
  ciphertext: `sealed${String(seq)}`,
  notify: seq % 3 === 0,
  storedAt: 1_700_000_000_000 + seq,
});

const queued = (n: number, queuedAt: number, ackedSeq: number | null = null): OutboxEntry => ({
  eventId: fixedEventId(100 + n),
  event: { type: 'signal', kind: 'pause' },
  queuedAt,
  ackedSeq,
});

/** The same contract, whatever keeps it. `kept`: whether writes outlive the page. */
const STORES: [string, () => LocalStore, boolean][] = [
  ['IndexedDB', () => new TestBrowser().openPage(), true],
  ['memory', () => new MemoryStore(), false],
  // A browser that will not open IndexedDB (some private modes): memory, and the room works.
  ['IndexedDB refused', () => openLocalStore(refusingFactory()), false],
];

function refusingFactory(): IDBFactory {
  const factory = new IDBFactory();
  factory.open = () => {
    throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
  };
  return factory;
}

describe.each(STORES)('LocalStore (%s)', (_, open, kept) => {
  it('R9: keeps the log of one incarnation: envelopes in seq order, once each, and its last seq', async () => {
    const store = open();
    const room = newRoomId();
    expect(await store.loadLog(room)).toBeNull();
    await store.resetLog(room, 'first');
    expect(await store.appendLog(room, 'first', [envelope(1), envelope(2)], 2)).toBe(kept);
    await store.appendLog(room, 'first', [envelope(2), envelope(4), envelope(3)], 4);
    expect(await store.loadLog(room)).toEqual({
      incarnation: 'first',
      lastSeq: 4,
      envelopes: [envelope(1), envelope(2), envelope(3), envelope(4)],
    });
  });

  it('R9: an append for another incarnation than the one kept changes nothing', async () => {
    const store = open();
    const room = newRoomId();
    await store.resetLog(room, 'first');
    await store.appendLog(room, 'first', [envelope(1)], 1);
    expect(await store.appendLog(room, 'other', [envelope(2)], 2)).toBe(false);
    expect(await store.loadLog(room)).toEqual({
      incarnation: 'first',
      lastSeq: 1,
      envelopes: [envelope(1)],
    });
  });

  it('R9: resetLog drops the kept envelopes and starts the new incarnation empty', async () => {
    const store = open();
    const room = newRoomId();
    await store.resetLog(room, 'first');
    await store.appendLog(room, 'first', [envelope(1), envelope(2)], 2);
    await store.resetLog(room, 'second');
    expect(await store.loadLog(room)).toEqual({ incarnation: 'second', lastSeq: 0, envelopes: [] });
    await store.appendLog(room, 'second', [envelope(1)], 1);
    expect((await store.loadLog(room))?.envelopes).toEqual([envelope(1)]);
  });

  it('R8: keeps the outbox oldest first; a put with the same event id replaces the entry', async () => {
    const store = open();
    const room = newRoomId();
    expect(await store.loadOutbox(room)).toEqual([]);
    await store.putOutbox(room, [queued(2, 20), queued(1, 10)]);
    await store.putOutbox(room, [queued(3, 30), queued(2, 20, 5)]);
    expect(await store.loadOutbox(room)).toEqual([queued(1, 10), queued(2, 20, 5), queued(3, 30)]);
    await store.deleteOutbox(room, [fixedEventId(101), fixedEventId(999)]);
    expect(await store.loadOutbox(room)).toEqual([queued(2, 20, 5), queued(3, 30)]);
  });

  it('forget removes everything of one room, and only of that room', async () => {
    const store = open();
    const [room, other] = [newRoomId(), newRoomId()];
    for (const id of [room, other]) {
      await store.resetLog(id, 'first');
      await store.appendLog(id, 'first', [envelope(1)], 1);
      await store.putOutbox(id, [queued(1, 10)]);
    }
    await store.forget(room);
    expect(await store.loadLog(room)).toBeNull();
    expect(await store.loadOutbox(room)).toEqual([]);
    // R6: an append that comes after (its envelopes were being opened) brings nothing back.
    expect(await store.appendLog(room, 'first', [envelope(2)], 2)).toBe(false);
    expect(await store.loadLog(room)).toBeNull();
    expect((await store.loadLog(other))?.envelopes).toEqual([envelope(1)]);
    expect(await store.loadOutbox(other)).toEqual([queued(1, 10)]);
  });
});

describe('LocalStore on IndexedDB', () => {
  it('R9: what one page keeps, the next page of the same browser reads; another browser does not', async () => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const page = browser.openPage();
    await page.resetLog(room, 'first');
    await page.appendLog(room, 'first', [envelope(1)], 1);
    await page.putOutbox(room, [queued(1, 10)]);
    const reloaded = browser.openPage();
    expect((await reloaded.loadLog(room))?.envelopes).toEqual([envelope(1)]);
    expect(await reloaded.loadOutbox(room)).toEqual([queued(1, 10)]);
    expect(await new TestBrowser().openPage().loadLog(room)).toBeNull();
  });

  it('keeps nothing of a room once forgotten, and never the room secret', async () => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const page = browser.openPage();
    await page.resetLog(room, 'first');
    await page.appendLog(room, 'first', [envelope(1), envelope(2)], 2);
    await page.putOutbox(room, [queued(1, 10)]);
    expect(await browser.holdsAnythingOf('no-secret-here', room)).toHaveLength(4);
    await page.forget(room);
    expect(await browser.holdsAnythingOf('no-secret-here', room)).toEqual([]);
  });
});
