import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  loadOrCreateDevice,
  registerRoomCreator,
  saveDevice,
} from '../../../client/src/room/device-record.ts';
import { LogReplica } from '../../../client/src/room/log-replica.ts';
import type { KeyValueStorage } from '../../../client/src/room/storage.ts';
import { readJson } from '../../../client/src/room/storage.ts';
import type { ContentEvent } from '../../../shared/content.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import { foldLog, initialRoomState, pendingAlertsFor } from '../../../shared/reducer.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import { newRoomId } from '../support/ids.ts';
import { answer, delivered, idOf, seen, signal, timeOf } from '../support/logs.ts';
import { MemoryStorage } from './support/memory-storage.ts';

// ---- browserStorage() ----

/**
 * storage.ts keeps the page's storage in a module variable, so each case loads a fresh copy of
 * the module after stubbing `window`.
 */
async function freshBrowserStorage(): Promise<() => KeyValueStorage> {
  vi.resetModules();
  const module = await import('../../../client/src/room/storage.ts');
  return module.browserStorage;
}

/** A localStorage whose every write throws, as Safari's does with storage blocked. */
class BlockedStorage extends MemoryStorage {
  writes = 0;

  override setItem(key: string): void {
    this.writes += 1;
    throw new DOMException(`storage is blocked (${key})`, 'SecurityError');
  }
}

/** The fallback works as storage: what is written is read back, and removed. */
function expectWorkingStorage(storage: KeyValueStorage): void {
  expect(storage.getItem('tandem.test')).toBeNull();
  storage.setItem('tandem.test', 'one');
  expect(storage.getItem('tandem.test')).toBe('one');
  storage.setItem('tandem.test', 'two');
  expect(storage.getItem('tandem.test')).toBe('two');
  storage.removeItem('tandem.test');
  expect(storage.getItem('tandem.test')).toBeNull();
  // Removing what is not there is harmless.
  storage.removeItem('tandem.absent');
}

describe('browserStorage()', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to a working memory store when localStorage refuses writes, once per page', async () => {
    const blocked = new BlockedStorage();
    vi.stubGlobal('window', { localStorage: blocked });
    const browserStorage = await freshBrowserStorage();

    const storage = browserStorage();
    expect(storage).not.toBe(blocked);
    expectWorkingStorage(storage);
    // The same instance every time, so what one part of the page writes another reads; the
    // blocked storage is probed once, not on every call.
    expect(browserStorage()).toBe(storage);
    expect(browserStorage()).toBe(storage);
    expect(blocked.writes).toBe(1);
    expect(blocked.items.size).toBe(0);

    // The room logic works on it: a device record made on it is found again on it.
    const roomId = newRoomId();
    registerRoomCreator(browserStorage(), roomId);
    const record = loadOrCreateDevice(browserStorage(), roomId);
    expect(record.createRoom).toBe(true);
    expect(loadOrCreateDevice(browserStorage(), roomId)).toEqual(record);
  });

  it('falls back when reading window.localStorage itself throws', async () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new DOMException('access denied', 'SecurityError');
      },
    });
    const browserStorage = await freshBrowserStorage();
    const storage = browserStorage();
    expectWorkingStorage(storage);
    expect(browserStorage()).toBe(storage);
  });

  it('falls back when there is no window at all', async () => {
    vi.stubGlobal('window', undefined);
    const browserStorage = await freshBrowserStorage();
    const storage = browserStorage();
    expectWorkingStorage(storage);
    expect(browserStorage()).toBe(storage);
  });

  it('uses localStorage itself when it works, and leaves no probe behind', async () => {
    const local = new MemoryStorage();
    local.setItem('tandem.lastRoom', 'kept');
    vi.stubGlobal('window', { localStorage: local });
    const browserStorage = await freshBrowserStorage();
    expect(browserStorage()).toBe(local);
    expect(browserStorage()).toBe(local);
    expect([...local.items]).toEqual([['tandem.lastRoom', 'kept']]);
  });
});

// ---- the device record ----

describe('device record: the confirmed seat', () => {
  const ROOM = newRoomId();
  const KEY = `tandem.device.${ROOM}`;
  const OLD = { memberId: 'a'.repeat(22), memberSecret: 'b'.repeat(43), createRoom: false };

  it('reads a record written before seats were kept as seat null, keeping its credentials', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify(OLD));
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({ ...OLD, seat: null });
  });

  it('keeps an old creator record a creator', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({ ...OLD, createRoom: true }));
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({ ...OLD, createRoom: true, seat: null });
  });

  it.each([0, 1, null] as const)('round-trips seat %s', (seat) => {
    const storage = new MemoryStorage();
    saveDevice(storage, ROOM, { ...OLD, seat });
    expect(readJson(storage, KEY)).toEqual({ ...OLD, seat });
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({ ...OLD, seat });
  });

  it('a new device, creator or not, has no seat yet', () => {
    const storage = new MemoryStorage();
    expect(loadOrCreateDevice(storage, ROOM).seat).toBeNull();
    registerRoomCreator(storage, ROOM);
    expect(loadOrCreateDevice(storage, ROOM)).toMatchObject({ createRoom: true, seat: null });
  });
});

// ---- the reducer: one record per signal id ----

/** The entry at `seq`, with its own event id (as `log()` numbers them). */
const at = (seq: number, seat: Seat, event: ContentEvent): LogEntry => ({
  seq,
  eventId: idOf(seq),
  seat,
  storedAt: timeOf(seq),
  event,
});

/** An entry at `seq` that carries the event id of the entry at `original`. */
const copyOf = (original: number, seq: number, seat: Seat, event: ContentEvent): LogEntry => ({
  ...at(seq, seat, event),
  eventId: idOf(original),
});

describe('reducer: a signal id that comes round again', () => {
  it('ignores a second signal entry with a known id; receipts still land on the first', () => {
    const state = foldLog([
      at(1, 0, signal('pause')),
      at(2, 1, delivered(1)),
      copyOf(1, 3, 0, signal('slow_down')),
      at(4, 0, signal('check_in')),
      at(5, 1, seen(1)),
    ]);
    expect(state.lastSeq).toBe(5);
    expect(state.signals).toEqual([
      {
        id: idOf(1),
        kind: 'pause',
        from: 0,
        seq: 1,
        sentAt: timeOf(1),
        deliveredAt: timeOf(2),
        seenAt: timeOf(5),
        answer: null,
      },
      expect.objectContaining({ id: idOf(4), kind: 'check_in', seq: 4, seenAt: null }),
    ]);
  });

  it('a copy after the alert was seen does not bring it back', () => {
    const state = foldLog([
      at(1, 0, signal('pause')),
      at(2, 1, seen(1)),
      copyOf(1, 3, 0, signal('pause')),
    ]);
    expect(state.lastSeq).toBe(3);
    expect(state.signals).toHaveLength(1);
    expect(state.signals[0]).toMatchObject({ seq: 1, seenAt: timeOf(2) });
    expect(pendingAlertsFor(state, 1)).toEqual([]);
  });

  it('a copy under the other seat is not a signal from that seat; the answer lands on the first', () => {
    const state = foldLog([at(1, 0, signal('check_in')), copyOf(1, 2, 1, signal('pause'))]);
    expect(state.signals.map((s) => [s.id, s.from, s.kind])).toEqual([[idOf(1), 0, 'check_in']]);
    expect(pendingAlertsFor(state, 0)).toEqual([]);
    expect(pendingAlertsFor(state, 1).map((s) => s.id)).toEqual([idOf(1)]);

    const answered = foldLog([at(3, 1, answer(1, 'okay'))], state);
    expect(answered.signals).toHaveLength(1);
    expect(answered.signals[0]).toMatchObject({ answer: 'okay', seenAt: timeOf(3) });
    expect(pendingAlertsFor(answered, 1)).toEqual([]);
  });

  it('a copy folded before anything else (a replay) yields the same room as the log without it', () => {
    const withCopy = foldLog([
      at(1, 0, signal('pause')),
      copyOf(1, 2, 0, signal('pause')),
      at(3, 1, delivered(1)),
    ]);
    const without = foldLog([at(1, 0, signal('pause')), at(3, 1, delivered(1))]);
    expect(withCopy).toEqual(without);
    expect(initialRoomState.signals).toEqual([]);
  });
});

// ---- LogReplica: event ids folded once ----

/**
 * An opener that decrypts by event id, as the real codec does (the seal binds room, event id and
 * seat, not the sequence number): a copy under a new seq opens to the same event at that seq.
 */
function openerFor(events: ReadonlyMap<string, ContentEvent>) {
  return (envelope: StoredEnvelope): Promise<LogEntry | null> => {
    const event = events.get(envelope.eventId);
    if (event === undefined) return Promise.resolve(null);
    return Promise.resolve({
      seq: envelope.seq,
      eventId: envelope.eventId,
      seat: envelope.seat,
      storedAt: envelope.storedAt,
      event,
    });
  };
}

const envelope = (seq: number, eventId: string, seat: Seat): StoredEnvelope => ({
  seq,
  eventId,
  seat,
  ciphertext: `sealed-${eventId}`,
  notify: false,
  storedAt: timeOf(seq),
});

describe('LogReplica: an event id served again under a later seq', () => {
  const PAUSE_ID = idOf(1);
  const SEEN_ID = idOf(2);
  const LATER_ID = idOf(4);
  const events = new Map<string, ContentEvent>([
    [PAUSE_ID, signal('pause')],
    [SEEN_ID, seen(1)],
    [LATER_ID, { type: 'session_started' }],
  ]);

  it('skips the copy: the acknowledged alert stays acknowledged, and the log goes on', async () => {
    const replica = new LogReplica(openerFor(events));
    await replica.receive([envelope(1, PAUSE_ID, 0), envelope(2, SEEN_ID, 1)]);
    const before = replica.state;
    expect(pendingAlertsFor(before, 1)).toEqual([]);

    const copy = await replica.receive([envelope(3, PAUSE_ID, 0)]);
    expect(copy).toEqual({ added: [], gap: false });
    expect(replica.consumedSeq).toBe(3);
    expect(replica.state).toBe(before);
    expect(replica.unreadable).toBe(0);

    // The seq was consumed: what follows it folds without a gap.
    const next = await replica.receive([envelope(4, LATER_ID, 1)]);
    expect(next.gap).toBe(false);
    expect(next.added.map((entry) => entry.eventId)).toEqual([LATER_ID]);
    expect(replica.state.session.status).toBe('in_progress');
    expect(replica.state.signals).toEqual(before.signals);
    expect(pendingAlertsFor(replica.state, 1)).toEqual([]);
  });

  it('skips it when it arrives in the same batch, and out of order', async () => {
    const replica = new LogReplica(openerFor(events));
    const result = await replica.receive([
      envelope(3, PAUSE_ID, 0),
      envelope(2, SEEN_ID, 1),
      envelope(1, PAUSE_ID, 0),
    ]);
    expect(result.added.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(replica.consumedSeq).toBe(3);
    expect(replica.state.signals).toHaveLength(1);
    expect(pendingAlertsFor(replica.state, 1)).toEqual([]);
  });

  it('an old tick served again does not undo a newer one', async () => {
    const TICK = idOf(10);
    const UNTICK = idOf(11);
    const ticks = new Map<string, ContentEvent>([
      [TICK, { type: 'checklist_item_checked', itemId: 'default-water', checked: true }],
      [UNTICK, { type: 'checklist_item_checked', itemId: 'default-water', checked: false }],
    ]);
    const replica = new LogReplica(openerFor(ticks));
    await replica.receive([envelope(1, TICK, 0), envelope(2, UNTICK, 1), envelope(3, TICK, 0)]);
    const water = replica.state.checklist.find((item) => item.id === 'default-water');
    expect(water).toMatchObject({ checked: false, checkedBy: null });
  });
});
