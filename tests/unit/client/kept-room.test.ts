import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLocalStore } from '../../../client/src/room/open-local-store.ts';
import { RoomClient } from '../../../client/src/room/room-client.ts';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import { journalEntry } from '../../../client/src/room/outbox-journal.ts';
import { writeJson } from '../../../client/src/room/storage.ts';
import { registerRoomCreator } from '../../../client/src/room/device-record.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import { TestSocketPair } from '../../support/test-socket-pair.ts';
import { deferred } from '../../support/deferred.ts';
import { TestBrowser } from '../../support/test-browser.ts';
import { until } from '../../support/until-view.ts';
import type { FakePhone } from './support/fake-room.ts';
import {
  acceptJoin,
  fakePhone,
  stopFakePhones,
  sealedEnvelope,
  storedFrom,
} from './support/fake-room.ts';

afterEach(() => {
  stopFakePhones();
});

const view = (phone: FakePhone): RoomView => phone.client.getSnapshot();

/** A phone that joined, and folded a session that ended with two ticks and its own Pause. */
async function phoneWithHistory(): Promise<{ phone: FakePhone; log: StoredEnvelope[] }> {
  const phone = await fakePhone();
  const log = [
    await sealedEnvelope(phone.keys, 1, { type: 'session_started' }),
    await sealedEnvelope(phone.keys, 2, { type: 'signal', kind: 'slow_down' }),
    await sealedEnvelope(phone.keys, 3, { type: 'session_ended' }),
    await sealedEnvelope(phone.keys, 4, {
      type: 'checklist_item_checked',
      itemId: 'wish-water',
      checked: true,
    }),
    await sealedEnvelope(phone.keys, 5, {
      type: 'checklist_item_checked',
      itemId: 'wish-rest',
      checked: true,
    }),
  ];
  await acceptJoin(phone.pair.socket, { envelopes: log });
  await until(phone.client, (v) => v.room.lastSeq === log.length, 'history folded');
  // The receipt for the partner's slow_down, and a Pause of this phone's, go into the log too.
  const receipt = await phone.pair.socket.next('envelope:send');
  receipt.answer({ ok: true, seq: 6, duplicate: false });
  phone.client.sendSignal('pause');
  const pause = await phone.pair.socket.next('envelope:send');
  pause.answer({ ok: true, seq: 7, duplicate: false });
  for (const [send, seq] of [
    [receipt, 6],
    [pause, 7],
  ] as const) {
    const stored = storedFrom(send.payload, seq);
    log.push(stored);
    phone.pair.socket.push('envelope', stored);
  }
  await until(phone.client, (v) => v.room.lastSeq === 7 && v.outbox.length === 0, 'settled');
  return { phone, log };
}

describe('RoomClient: the phone keeps its room', () => {
  it('R9: a reload with no server shows the whole room as last known, ticks included, and Pause queues', async () => {
    const { phone } = await phoneWithHistory();
    const before = view(phone);
    phone.client.stop();

    // The new page never gets a connection.
    const reloaded = await fakePhone({ browser: phone.browser, secret: phone.secret });
    const shown = view(reloaded);
    expect(shown).toMatchObject({ status: { kind: 'open' }, seat: 0, connected: false });
    expect(shown.room).toEqual(before.room);
    expect(shown.room.checklist.filter((item) => item.checked).map((item) => item.id)).toEqual([
      'wish-water',
      'wish-rest',
    ]);
    reloaded.client.sendSignal('pause');
    expect(view(reloaded).outbox.map((entry) => entry.event)).toEqual([
      { type: 'signal', kind: 'pause' },
    ]);
    expect(reloaded.pair.socket.emitted).toEqual([]);
  });

  it('R5: a first join names no incarnation; every later one names the one it joined', async () => {
    const phone = await fakePhone();
    const first = await acceptJoin(phone.pair.socket, { incarnation: 'first' });
    expect(first.payload.incarnation).toBeNull();
    await until(phone.client, (v) => v.connected, 'joined');
    phone.client.stop();
    const reloaded = await fakePhone({ browser: phone.browser, secret: phone.secret });
    const again = await acceptJoin(reloaded.pair.socket, { incarnation: 'first' });
    expect(again.payload.incarnation).toBe('first');
  });

  it('R7, R9: a reloaded phone joins from its last seq, and folds only what follows', async () => {
    const { phone } = await phoneWithHistory();
    phone.client.stop();
    const reloaded = await fakePhone({ browser: phone.browser, secret: phone.secret });
    const next = await sealedEnvelope(phone.keys, 8, { type: 'signal', kind: 'check_in' });
    const join = await acceptJoin(reloaded.pair.socket, { envelopes: [next] });
    expect(join.payload.afterSeq).toBe(7);
    const joined = await until(reloaded.client, (v) => v.room.lastSeq === 8, 'folded');
    expect(joined.room.signals.map((signal) => signal.kind)).toEqual([
      'slow_down',
      'pause',
      'check_in',
    ]);
    expect(reloaded.pair.socket.pending('room:sync')).toEqual([]);
  });

  it('R9: a join that names another incarnation drops the kept log and replays from seq 0', async () => {
    const { phone } = await phoneWithHistory();
    phone.client.stop();
    const reloaded = await fakePhone({ browser: phone.browser, secret: phone.secret });
    const socket = reloaded.pair.socket;
    const join = await acceptJoin(socket, { incarnation: 'second' });
    expect(join.payload.afterSeq).toBe(7);
    const sync = await socket.next('room:sync');
    expect(sync.payload).toEqual({ afterSeq: 0 });
    const fresh = await sealedEnvelope(phone.keys, 1, { type: 'signal', kind: 'pause' });
    sync.answer({ ok: true, envelopes: [fresh], complete: true });
    const replayed = await until(reloaded.client, (v) => v.room.lastSeq === 1, 'replayed');
    expect(replayed.room.signals.map((signal) => signal.id)).toEqual([fresh.eventId]);
    expect(replayed.room.session.status).toBe('not_started');
    expect(await reloaded.local.loadLog(phone.keys.roomId)).toMatchObject({
      incarnation: 'second',
      lastSeq: 1,
      envelopes: [fresh],
    });
  });

  it('R7, R8: a server whose log is behind the phone (a restored backup): the kept log is dropped and replayed from 0, and a Pause acked in the lost part is sent again', async () => {
    const phone = await fakePhone();
    const socket = phone.pair.socket;
    const ticks = await Promise.all(
      [1, 2, 3, 4, 5].map((seq) =>
        sealedEnvelope(phone.keys, seq, {
          type: 'checklist_item_checked',
          itemId: 'wish-water',
          checked: seq % 2 === 1,
        }),
      ),
    );
    await acceptJoin(socket, { envelopes: ticks });
    await until(phone.client, (v) => v.room.lastSeq === 5, 'history folded');
    phone.client.sendSignal('pause');
    const first = await socket.next('envelope:send');
    first.answer({ ok: true, seq: 6, duplicate: false });
    await until(phone.client, (v) => v.outbox[0]?.ackedSeq === 6, 'acked');

    // The server comes back from a backup that ends at seq 2.
    socket.drop();
    const join = await acceptJoin(socket, { lastSeq: 2 });
    expect(join.payload.afterSeq).toBe(5);
    const sync = await socket.next('room:sync');
    expect(sync.payload).toEqual({ afterSeq: 0 });
    const again = await socket.next('envelope:send');
    expect(again.payload.eventId).toBe(first.payload.eventId);
    sync.answer({ ok: true, envelopes: ticks.slice(0, 2), complete: true });
    again.answer({ ok: true, seq: 3, duplicate: false });
    socket.push('envelope', storedFrom(again.payload, 3));

    const settled = await until(
      phone.client,
      (v) => v.room.lastSeq === 3 && v.outbox.length === 0,
      'the Pause is in the log as seq 3',
    );
    expect(settled.room.signals.map((signal) => signal.id)).toEqual([first.payload.eventId]);
    expect(settled.room.checklist.find((item) => item.id === 'wish-water')?.checked).toBe(false);
    const kept = await phone.local.loadLog(phone.keys.roomId);
    expect(kept?.envelopes.map((envelope) => envelope.seq)).toEqual([1, 2, 3]);
  });

  it('R8: an outbox an earlier build kept in Web Storage is sent from the first page of this one', async () => {
    const browser = new TestBrowser();
    const secret = newRoomSecret();
    const { roomId } = await deriveRoomKeys(secret);
    registerRoomCreator(browser.storage, roomId);
    const legacy = {
      eventId: 'legacyPause0123456789a',
      event: { type: 'signal', kind: 'pause' },
      queuedAt: 1,
      ackedSeq: null,
    };
    writeJson(browser.storage, `tandem.outbox.${roomId}`, [legacy]);
    const phone = await fakePhone({ browser, secret });
    expect(view(phone).outbox).toEqual([legacy]);
    expect(browser.storage.getItem(`tandem.outbox.${roomId}`)).toBeNull();
    await acceptJoin(phone.pair.socket);
    expect((await phone.pair.socket.next('envelope:send')).payload.eventId).toBe(legacy.eventId);
  });

  it('R8, R10: a Pause only in the journal (its tab closed before IndexedDB kept it) is sent by the tab that takes over', async () => {
    const first = await fakePhone();
    await acceptJoin(first.pair.socket);
    await until(first.client, (v) => v.connected, 'first tab joined');
    const second = await fakePhone({ browser: first.browser, secret: first.secret });
    await acceptJoin(second.pair.socket);
    await until(second.client, (v) => v.connected, 'second tab joined');
    // The first tab (the sender) took the tap: journalled, then it closed before its write.
    const pause = {
      eventId: 'journalledPause0123456',
      event: { type: 'signal', kind: 'pause' },
      queuedAt: Date.now(),
      ackedSeq: null,
    } as const;
    journalEntry(first.storage, first.keys.roomId, pause);
    first.client.stop();

    const send = await second.pair.socket.next('envelope:send');
    expect(send.payload.eventId).toBe(pause.eventId);
    expect(view(second).outbox).toEqual([pause]);
  });

  it('R10: the sending tab loses its connection: the other, connected tab sends the Pause queued meanwhile', async () => {
    const first = await fakePhone();
    await acceptJoin(first.pair.socket);
    await until(first.client, (v) => v.connected, 'first tab joined');
    const second = await fakePhone({ browser: first.browser, secret: first.secret });
    await acceptJoin(second.pair.socket);
    await until(second.client, (v) => v.connected, 'second tab joined');

    first.pair.socket.drop();
    first.client.sendSignal('pause');
    const pause = view(first).outbox[0]?.eventId;
    expect(pause).toBeDefined();
    const send = await second.pair.socket.next('envelope:send');
    expect(send.payload.eventId).toBe(pause);
    expect(first.pair.socket.emitted.filter((request) => request.name === 'envelope:send')).toEqual(
      [],
    );
  });

  it('R9: the room ends: nothing of it stays in IndexedDB', async () => {
    const { phone } = await phoneWithHistory();
    const held = await phone.browser.holdsAnythingOf(phone.secret, phone.keys.roomId);
    expect(held.filter((key) => key.startsWith('envelopes:'))).toHaveLength(7);
    phone.pair.socket.push('room:deleted', { reason: 'expired' });
    expect(view(phone).status).toEqual({ kind: 'closed', reason: 'room_gone' });
    expect(await phone.browser.holdsAnythingOf(phone.secret, phone.keys.roomId)).toEqual([]);
  });

  it('R6: a push still being opened when the room ends brings nothing of the room back', async () => {
    const { phone } = await phoneWithHistory();
    const socket = phone.pair.socket;
    const late = await sealedEnvelope(phone.keys, 8, { type: 'signal', kind: 'check_in' });
    // The push's decryption is held until the room has ended here.
    const gate = deferred<undefined>();
    // Wrapped: resolving with the promise itself would wait for it.
    const opening = deferred<{ readonly opened: Promise<ArrayBuffer> }>();
    const subtle = globalThis.crypto.subtle;
    const decrypt = subtle.decrypt.bind(subtle);
    const held = vi.spyOn(subtle, 'decrypt').mockImplementation((...args) => {
      const opened = gate.promise.then(() => decrypt(...args));
      opening.resolve({ opened });
      return opened;
    });
    try {
      socket.push('envelope', late);
      const { opened } = await opening.promise;
      // The next frame: the room ends while the push is being opened.
      phone.client.sendSignal('pause');
      socket.push('room:deleted', { reason: 'deleted' });
      expect(view(phone).status).toEqual({ kind: 'closed', reason: 'deleted' });
      gate.resolve(undefined);
      await opened;
    } finally {
      held.mockRestore();
    }
    // Whatever the fold went on to do after the room ended, the browser keeps nothing of it.
    expect(await phone.browser.holdsAnythingOf(phone.secret, phone.keys.roomId)).toEqual([]);
    expect(view(phone).room.lastSeq).toBe(0);
  });

  it('IndexedDB refused (private mode): the room works in memory', async () => {
    const secret = newRoomSecret();
    const { roomId } = await deriveRoomKeys(secret);
    const factory = new IDBFactory();
    factory.open = () => {
      throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
    };
    const browser = new TestBrowser();
    registerRoomCreator(browser.storage, roomId);
    const pair = new TestSocketPair();
    const client = new RoomClient(secret, {
      storage: browser.storage,
      local: openLocalStore(factory),
      connect: pair.connect,
    });
    await client.start();
    await acceptJoin(pair.socket);
    client.sendSignal('pause');
    const send = await pair.socket.next('envelope:send');
    send.answer({ ok: true, seq: 1, duplicate: false });
    pair.socket.push('envelope', storedFrom(send.payload, 1));
    const settled = await until(client, (v) => v.room.lastSeq === 1 && v.outbox.length === 0);
    expect(settled.room.signals).toHaveLength(1);
  });
});
