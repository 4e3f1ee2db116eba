import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../client/src/room/outbox.ts';
import type { OutboxEntry } from '../../../client/src/room/outbox.ts';
import { readJson, writeJson } from '../../../client/src/room/storage.ts';
import { fixedEventId, newRoomId } from '../../support/ids.ts';
import { FullStorage, MemoryStorage } from '../../support/memory-storage.ts';

const ROOM = newRoomId();
const KEY = `tandem.outbox.${ROOM}`;

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

describe('Outbox', () => {
  it('starts empty on a fresh storage', () => {
    const outbox = new Outbox(new MemoryStorage(), ROOM);
    expect(outbox.entries).toEqual([]);
    expect(outbox.nextUnacked()).toBeUndefined();
  });

  it('persists every change, so a new instance on the same storage (a reload) sees it', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, ROOM);
    outbox.add(entry(1));
    outbox.add(entry(2));
    expect(new Outbox(storage, ROOM).entries).toEqual([entry(1), entry(2)]);

    outbox.markAcked(fixedEventId(1), 7);
    expect(new Outbox(storage, ROOM).entries).toEqual([entry(1, 7), entry(2)]);

    outbox.drop(fixedEventId(2));
    expect(new Outbox(storage, ROOM).entries).toEqual([entry(1, 7)]);
    expect(readJson(storage, KEY)).toEqual([entry(1, 7)]);
  });

  it('keeps rooms apart', () => {
    const storage = new MemoryStorage();
    const other = newRoomId();
    new Outbox(storage, ROOM).add(entry(1));
    new Outbox(storage, other).add(entry(2));
    expect(new Outbox(storage, ROOM).entries).toEqual([entry(1)]);
    expect(new Outbox(storage, other).entries).toEqual([entry(2)]);
  });

  it('nextUnacked is the oldest entry the server has not acknowledged', () => {
    const outbox = new Outbox(new MemoryStorage(), ROOM);
    outbox.add(entry(1));
    outbox.add(entry(2));
    outbox.add(entry(3));
    expect(outbox.nextUnacked()?.eventId).toBe(fixedEventId(1));
    outbox.markAcked(fixedEventId(1), 10);
    expect(outbox.nextUnacked()?.eventId).toBe(fixedEventId(2));
    // Acknowledged out of order (cannot happen while sending strictly in order, but harmless).
    outbox.markAcked(fixedEventId(3), 12);
    expect(outbox.nextUnacked()?.eventId).toBe(fixedEventId(2));
    outbox.markAcked(fixedEventId(2), 11);
    expect(outbox.nextUnacked()).toBeUndefined();
    // Acknowledged entries stay until the log holds them: they are shown as "sent".
    expect(outbox.entries.map((e) => e.ackedSeq)).toEqual([10, 11, 12]);
  });

  it('markAcked of an unknown event id changes nothing', () => {
    const outbox = new Outbox(new MemoryStorage(), ROOM);
    outbox.add(entry(1));
    outbox.markAcked(fixedEventId(9), 3);
    expect(outbox.entries).toEqual([entry(1)]);
  });

  it('settle removes the entries the log now holds and reports whether any left', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, ROOM);
    for (const n of [1, 2, 3, 4]) outbox.add(entry(n));
    const before = outbox.entries;

    expect(outbox.settle(new Set([fixedEventId(8), fixedEventId(9)]))).toBe(false);
    expect(outbox.entries).toBe(before);

    expect(outbox.settle(new Set([fixedEventId(3), fixedEventId(1), fixedEventId(9)]))).toBe(true);
    expect(ids(outbox.entries)).toEqual([fixedEventId(2), fixedEventId(4)]);
    expect(ids(new Outbox(storage, ROOM).entries)).toEqual([fixedEventId(2), fixedEventId(4)]);

    expect(outbox.settle(new Set())).toBe(false);
  });

  it('drop removes one entry, whatever its state', () => {
    const outbox = new Outbox(new MemoryStorage(), ROOM);
    outbox.add(entry(1, 5));
    outbox.add(entry(2));
    outbox.drop(fixedEventId(1));
    expect(ids(outbox.entries)).toEqual([fixedEventId(2)]);
    outbox.drop(fixedEventId(7));
    expect(ids(outbox.entries)).toEqual([fixedEventId(2)]);
  });

  it('clear empties it and removes its key from storage', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, ROOM);
    outbox.add(entry(1));
    outbox.clear();
    expect(outbox.entries).toEqual([]);
    expect(storage.getItem(KEY)).toBeNull();
    expect(new Outbox(storage, ROOM).entries).toEqual([]);
  });

  it('never mutates the entries array it handed out', () => {
    const outbox = new Outbox(new MemoryStorage(), ROOM);
    outbox.add(entry(1));
    const snapshot = outbox.entries;
    outbox.add(entry(2));
    outbox.markAcked(fixedEventId(1), 4);
    expect(snapshot).toEqual([entry(1)]);
  });

  describe('ignores stored data it cannot trust', () => {
    it.each([
      ['not JSON', '{oops'],
      ['JSON null', 'null'],
      ['an object', '{"eventId":"x"}'],
      ['a string', '"queued"'],
      ['an entry with a bad event id', JSON.stringify([{ ...entry(1), eventId: 'short' }])],
      [
        'an entry with an unknown event type',
        JSON.stringify([{ ...entry(1), event: { type: 'launch' } }]),
      ],
      ['an entry without ackedSeq', JSON.stringify([{ ...entry(1), ackedSeq: undefined }])],
    ])('%s -> an empty outbox that still works', (_, raw) => {
      const storage = new MemoryStorage();
      storage.setItem(KEY, raw);
      const outbox = new Outbox(storage, ROOM);
      expect(outbox.entries).toEqual([]);
      outbox.add(entry(3));
      expect(new Outbox(storage, ROOM).entries).toEqual([entry(3)]);
    });

    it('reads back what writeJson wrote', () => {
      const storage = new MemoryStorage();
      writeJson(storage, KEY, [entry(1), entry(2, 9)]);
      expect(new Outbox(storage, ROOM).entries).toEqual([entry(1), entry(2, 9)]);
    });
  });

  it('keeps working in memory when storage refuses writes (quota, private mode)', () => {
    const storage = new FullStorage();
    const outbox = new Outbox(storage, ROOM);
    expect(() => {
      outbox.add(entry(1));
      outbox.add(entry(2));
      outbox.markAcked(fixedEventId(1), 3);
      outbox.settle(new Set([fixedEventId(1)]));
      outbox.drop(fixedEventId(9));
      outbox.clear();
      outbox.add(entry(4));
    }).not.toThrow();
    expect(storage.writes).toBeGreaterThan(0);
    expect(outbox.entries).toEqual([entry(4)]);
    expect(outbox.nextUnacked()).toEqual(entry(4));
    // Nothing was persisted: a reload starts empty.
    expect(new Outbox(storage, ROOM).entries).toEqual([]);
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
