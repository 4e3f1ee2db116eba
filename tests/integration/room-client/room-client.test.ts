import { itemText } from '../../support/item-text.ts';
import { describe, expect, it } from 'vitest';
import { loadOrCreateDevice } from '../../../client/src/room/device-record.ts';
import { readJson } from '../../../client/src/room/storage.ts';
import {
  displayedChecked,
  incomingAlerts,
  lastOwnSignal,
  partnerOnline,
  queuedItems,
} from '../../../client/src/ui/view-model.ts';
import type { ContentEvent } from '../../../shared/content.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { initialRoomState, pendingAlertsFor } from '../../../shared/reducer.ts';
import type { SignalRecord } from '../../../shared/reducer.ts';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import {
  bothOnline,
  bothSettled,
  countOf,
  isOpen,
  loggedIds,
  only,
  serverWithPair,
  storeDirectly,
  until,
  untilClosed,
  view,
} from './support/room-clients.ts';
import { useRig } from './support/restartable.ts';

const rig = useRig();

const signalById = (v: RoomView, id: string): SignalRecord | undefined =>
  v.room.signals.find((signal) => signal.id === id);

describe('RoomClient: two phones', () => {
  it('open the same secret: seats 0 and 1, both online, and the creator flag is cleared', async () => {
    const { a, b, keys } = await serverWithPair(rig);
    expect(view(a)).toMatchObject({ status: { kind: 'open' }, connected: true, seat: 0 });
    expect(view(b)).toMatchObject({ status: { kind: 'open' }, connected: true, seat: 1 });
    for (const phone of [a, b]) {
      expect(view(phone).presence).toEqual({
        seats: [
          { taken: true, online: true, push: false },
          { taken: true, online: true, push: false },
        ],
      });
      expect(view(phone).room).toEqual(initialRoomState);
      expect(view(phone).outbox).toEqual([]);
    }
    expect(partnerOnline(view(a), 0)).toBe(true);
    expect(partnerOnline(view(b), 1)).toBe(true);
    // Once the server has confirmed the room, the creator's device only ever joins.
    expect(loadOrCreateDevice(a.storage, keys.roomId).createRoom).toBe(false);
    expect(loadOrCreateDevice(b.storage, keys.roomId).createRoom).toBe(false);
  });

  it('R11: a signal reaches the partner, is delivered automatically, then seen when acknowledged', async () => {
    const { a, b } = await serverWithPair(rig);
    a.client.sendSignal('pause');
    // The tap shows at once, as sending.
    expect(lastOwnSignal(view(a), 0)).toMatchObject({
      kind: 'pause',
      status: 'sending',
      answer: null,
    });
    const tapped = only(view(a).outbox, 'queued signal').eventId;

    const vb = await until(b.client, (v) => pendingAlertsFor(v.room, 1).length === 1, 'B alert');
    const alert = only(incomingAlerts(vb, 1), 'alert');
    // The signal's id in the log is the event id the tap queued.
    expect(alert).toMatchObject({ id: tapped, kind: 'pause', from: 0, seenAt: null });

    // B's phone reports delivery by itself; A sees it without B doing anything.
    await until(a.client, (v) => lastOwnSignal(v, 0)?.status === 'delivered', 'A delivered');
    expect(view(a).outbox).toEqual([]);

    b.client.acknowledge([alert.id]);
    // Hidden on B at once, before the server has it.
    expect(incomingAlerts(view(b), 1)).toEqual([]);
    const va = await until(a.client, (v) => lastOwnSignal(v, 0)?.status === 'seen', 'A seen');
    expect(signalById(va, alert.id)).toMatchObject({ from: 0, kind: 'pause' });
    await until(b.client, (v) => v.outbox.length === 0 && pendingAlertsFor(v.room, 1).length === 0);

    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);
    expect(finalA.room.signals).toHaveLength(1);
  });

  it('a check-in answered "pause" records the answer and alerts the asker with a pause', async () => {
    const { a, b } = await serverWithPair(rig);
    a.client.sendSignal('check_in');
    const vb = await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B check-in');
    const checkIn = only(incomingAlerts(vb, 1), 'check-in');
    expect(checkIn.kind).toBe('check_in');

    b.client.answerCheckIn(checkIn.id, 'pause');
    expect(incomingAlerts(view(b), 1)).toEqual([]);
    expect(lastOwnSignal(view(b), 1)).toMatchObject({ kind: 'pause', status: 'sending' });

    const va = await until(
      a.client,
      (v) => lastOwnSignal(v, 0)?.status === 'answered' && incomingAlerts(v, 0).length === 1,
      'A answered and alerted',
    );
    expect(lastOwnSignal(va, 0)).toMatchObject({
      kind: 'check_in',
      status: 'answered',
      answer: 'pause',
    });
    expect(only(incomingAlerts(va, 0), 'alert on A')).toMatchObject({ kind: 'pause', from: 1 });

    // A's phone confirms delivery of B's pause by itself.
    await until(b.client, (v) => lastOwnSignal(v, 1)?.status === 'delivered', 'B delivered');
    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);
  });

  it('an "okay" answer sends no signal back', async () => {
    const { a, b } = await serverWithPair(rig);
    a.client.sendSignal('check_in');
    const vb = await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B check-in');
    b.client.answerCheckIn(only(incomingAlerts(vb, 1), 'check-in').id, 'okay');
    const va = await until(a.client, (v) => lastOwnSignal(v, 0)?.status === 'answered');
    expect(lastOwnSignal(va, 0)?.answer).toBe('okay');
    const [finalA] = await bothSettled(a, b);
    expect(finalA.room.signals.map((signal) => signal.from)).toEqual([0]);
  });

  it('checklist additions and ticks, and the session, reach the other phone', async () => {
    const { a, b } = await serverWithPair(rig);
    a.client.startSession();
    a.client.addChecklistItem('Tea', 'seat1');
    expect(queuedItems(view(a))).toEqual([{ id: expect.any(String) as string, label: 'Tea' }]);

    const vb = await until(
      b.client,
      (v) => v.room.checklist.some((item) => itemText(item) === 'Tea'),
      'B has Tea',
    );
    expect(vb.room.session.status).toBe('in_progress');
    const tea = vb.room.checklist.find((item) => itemText(item) === 'Tea');
    expect(tea).toMatchObject({ audience: 'seat1', addedBy: 0, checked: false });
    if (tea === undefined) throw new Error('no Tea');

    b.client.setItemChecked(tea.id, true);
    expect(displayedChecked(view(b), tea)).toBe(true);
    await until(
      a.client,
      (v) => v.room.checklist.some((item) => item.id === tea.id && item.checked),
      'A sees Tea ticked',
    );
    expect(view(a).room.checklist.find((item) => item.id === tea.id)?.checkedBy).toBe(1);

    b.client.setItemChecked('wish-water', true);
    b.client.setItemChecked('wish-water', false);
    b.client.endSession();
    const va = await until(a.client, (v) => v.room.session.status === 'ended', 'A sees ended');
    expect(va.room.session.endedBy).toBe(1);
    expect(va.room.checklist.find((item) => item.id === 'wish-water')?.checked).toBe(false);

    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);
  });
});

describe('RoomClient: checklist labels', () => {
  it('control characters in a label become spaces, and the item reaches the partner', async () => {
    const { a, b } = await serverWithPair(rig);
    // A tab pasted into the "add item" field: <input type="text"> keeps tabs.
    expect(a.client.addChecklistItem('Tea\tand toast', 'both')).toBe(true);
    expect(queuedItems(view(a))).toEqual([
      { id: expect.any(String) as string, label: 'Tea and toast' },
    ]);
    a.client.sendSignal('pause');
    const vb = await until(
      b.client,
      (v) =>
        incomingAlerts(v, 1).length === 1 &&
        v.room.checklist.some((item) => itemText(item) === 'Tea and toast'),
      'B has the item and the alert',
    );
    expect(only(incomingAlerts(vb, 1), 'alert').kind).toBe('pause');
    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);
  });

  it.each([
    ['nothing but control characters', '\t\t'],
    ['too long', 'x'.repeat(LIMITS.maxItemLabelChars + 1)],
  ])(
    'a label the contract refuses even cleaned (%s) is not queued, and the Pause after it goes',
    async (_what, label) => {
      const { a, b } = await serverWithPair(rig);
      const before = view(a).outbox;
      expect(a.client.addChecklistItem(label, 'both')).toBe(false);
      expect(view(a).outbox).toEqual(before);
      a.client.sendSignal('pause');
      const vb = await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B alerted');
      expect(only(incomingAlerts(vb, 1), 'alert').kind).toBe('pause');
      const [finalA, finalB] = await bothSettled(a, b);
      expect(finalA.room).toEqual(finalB.room);
      expect(finalA.room.checklist).toEqual(initialRoomState.checklist);
    },
  );
});

describe('RoomClient: reloads and reconnects', () => {
  it('a reload (a new client on the same storage) returns to seat 1 with the replayed room', async () => {
    const { server, secret, a, b } = await serverWithPair(rig);
    a.client.startSession();
    a.client.sendSignal('slow_down');
    a.client.addChecklistItem('Music', 'both');
    await until(b.client, (v) => v.room.checklist.some((item) => itemText(item) === 'Music'));
    const [, before] = await bothSettled(a, b);
    const memberId = loadOrCreateDevice(b.storage, (await deriveRoomKeys(secret)).roomId).memberId;

    b.client.stop();
    expect(view(b).connected).toBe(false);
    await until(a.client, (v) => !partnerOnline(v, 0), 'A sees B offline');
    // Said while B was away: B gets it in the replay.
    a.client.sendSignal('pause');

    const reloaded = await rig.phone(server, secret, { browser: b.browser });
    const vb = await until(
      reloaded.client,
      (v) => isOpen(v) && v.room.signals.length === 2,
      'B reloaded',
    );
    expect(vb.seat).toBe(1);
    expect(vb.room.session).toEqual(before.room.session);
    expect(vb.room.checklist).toEqual(before.room.checklist);
    expect(vb.room.signals[0]).toEqual(before.room.signals[0]);
    await until(a.client, (v) => partnerOnline(v, 0), 'A sees B again');
    expect(
      loadOrCreateDevice(reloaded.storage, (await deriveRoomKeys(secret)).roomId).memberId,
    ).toBe(memberId);

    // The replayed pause is delivered from the reloaded phone, once.
    const [finalA, finalB] = await bothSettled(a, reloaded);
    expect(finalA.room).toEqual(finalB.room);
    expect(finalA.room.signals.map((signal) => signal.kind)).toEqual(['slow_down', 'pause']);
    const log = await server.store.log((await deriveRoomKeys(secret)).roomId);
    expect(log.filter((envelope) => envelope.seat === 1)).toHaveLength(2);
  });

  it('stop() then start() on the same client (a remount) returns to the same seat', async () => {
    const { a, b } = await serverWithPair(rig);
    b.client.stop();
    await b.client.start();
    await until(b.client, bothOnline, 'B back');
    expect(view(b).seat).toBe(1);
    expect(b.sockets).toHaveLength(2);
    b.client.sendSignal('pause');
    await until(a.client, (v) => incomingAlerts(v, 0).length === 1, 'A alert');
  });

  it('events said while the connection is down are sent once, in order, after it comes back', async () => {
    const { server, keys, a, b } = await serverWithPair(rig);
    // The network drops: socket.io reconnects by itself after its (tiny) delay.
    a.socket.io.engine.close();
    await until(a.client, (v) => !v.connected, 'A offline');
    expect(a.sockets).toHaveLength(1);

    a.client.sendSignal('pause');
    a.client.addChecklistItem('Water bottle', 'both');
    a.client.sendSignal('slow_down');
    a.client.setItemChecked('wish-rest', true);
    a.client.startSession();
    const queued = view(a).outbox;
    expect(queued.map((entry) => entry.ackedSeq)).toEqual([null, null, null, null, null]);
    expect(lastOwnSignal(view(a), 0)).toMatchObject({ kind: 'slow_down', status: 'sending' });
    const ids = queued.map((entry) => entry.eventId);

    await until(a.client, (v) => isOpen(v) && v.outbox.length === 0, 'A outbox empty');
    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);

    const logged = await loggedIds(server, keys.roomId, 0);
    for (const id of ids) expect(countOf(logged, id)).toBe(1);
    expect(logged.filter((id) => ids.includes(id))).toEqual(ids);
    expect(finalB.room.signals.map((signal) => signal.id)).toEqual([ids[0], ids[2]]);
    expect(finalB.room.session.status).toBe('in_progress');
    expect(finalB.room.checklist.find((item) => item.id === 'wish-rest')?.checked).toBe(true);
  });

  it('reconnectNow() brings back a connection that was closed, and the outbox drains', async () => {
    const { server, keys, a, b } = await serverWithPair(rig);
    a.socket.disconnect();
    await until(a.client, (v) => !v.connected, 'A offline');
    await until(b.client, (v) => !partnerOnline(v, 1), 'B sees A offline');

    a.client.sendSignal('check_in');
    a.client.endSession();
    const ids = view(a).outbox.map((entry) => entry.eventId);
    expect(ids).toHaveLength(2);

    a.client.reconnectNow();
    await until(a.client, (v) => isOpen(v) && v.outbox.length === 0, 'A drained');
    const [, finalB] = await bothSettled(a, b);
    expect(finalB.room.session.status).toBe('ended');
    expect(await loggedIds(server, keys.roomId, 0)).toEqual(ids);
  });

  it('the outbox survives a reload while offline and is sent from the new page', async () => {
    const { server, secret, keys, a, b } = await serverWithPair(rig);
    a.socket.disconnect();
    await until(a.client, (v) => !v.connected, 'A offline');
    a.client.sendSignal('pause');
    a.client.addChecklistItem('Blanket', 'seat1');
    const queued = view(a).outbox;
    a.client.stop();

    const reloaded = await rig.phone(server, secret, { browser: a.browser });
    // Shown at once from storage, before any connection: the tap is not forgotten.
    expect(view(reloaded).outbox).toEqual(queued);
    expect(lastOwnSignal(view(reloaded), 0)).toMatchObject({ kind: 'pause', status: 'sending' });

    await until(reloaded.client, (v) => isOpen(v) && v.outbox.length === 0, 'A drained');
    const [, finalB] = await bothSettled(reloaded, b);
    expect(await loggedIds(server, keys.roomId, 0)).toEqual(queued.map((e) => e.eventId));
    expect(finalB.room.signals.map((signal) => signal.id)).toEqual([queued[0]?.eventId]);
    expect(finalB.room.checklist.at(-1)).toMatchObject({
      what: { type: 'words', label: 'Blanket' },
      audience: 'seat1',
    });
  });

  it('an acknowledgement lost with the connection does not double the event', async () => {
    const { server, keys, a, b } = await serverWithPair(rig);
    let dropped = false;
    server.store.afterAppend = (envelope) => {
      if (dropped || envelope.seat !== 0) return;
      dropped = true;
      // Stored, but the connection dies before the acknowledgement (or the push) reaches A.
      a.socket.io.engine.close();
    };

    a.client.sendSignal('pause');
    a.client.sendSignal('slow_down');
    const ids = view(a).outbox.map((entry) => entry.eventId);
    await until(a.client, (v) => !v.connected, 'A dropped');
    expect(dropped).toBe(true);

    await until(a.client, (v) => isOpen(v) && v.outbox.length === 0, 'A drained');
    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);
    expect(await loggedIds(server, keys.roomId, 0)).toEqual(ids);
    expect(finalB.room.signals.map((signal) => signal.kind)).toEqual(['pause', 'slow_down']);
    expect(a.sockets).toHaveLength(1);
  });

  it('a long replay is paged through room:sync, skipping an envelope that does not open', async () => {
    const { server, keys, secret, a, b } = await serverWithPair(rig);
    const total = LIMITS.replayPageSize + 37;
    const broken = 101;
    const events = (seq: number): ContentEvent =>
      seq === total
        ? { type: 'checklist_item_added', itemId: 'late', label: 'Last one', audience: 'both' }
        : seq === total - 1
          ? { type: 'session_started' }
          : { type: 'checklist_item_checked', itemId: 'wish-water', checked: seq % 2 === 0 };
    // Written straight into the store (no pushes), as if said long ago. One is sealed for seat 1
    // but stored as seat 0: its seal names another sender, so it cannot open.
    for (let seq = 1; seq <= total; seq += 1) {
      await storeDirectly(server, keys, events(seq), 0, seq === broken ? 1 : 0);
    }

    // B holds none of it either. Reloaded, it replays the lot: a join page, then sync pages.
    b.client.stop();
    const reloaded = await rig.phone(server, secret, { browser: b.browser });
    const vb = await until(
      reloaded.client,
      (v) => isOpen(v) && v.room.lastSeq === total,
      'B replayed',
    );
    expect(vb.seat).toBe(1);
    expect(vb.room.session.status).toBe('in_progress');
    expect(vb.room.checklist.at(-1)).toMatchObject({
      id: 'late',
      what: { type: 'words', label: 'Last one' },
    });
    expect(vb.room.checklist.find((item) => item.id === 'wish-water')?.checked).toBe(
      (total - 2) % 2 === 0,
    );

    // A holds none of it (no pushes). Its next event is pushed with a gap before it, and A
    // catches up through room:sync pages before folding it.
    a.client.sendSignal('pause');
    const va = await until(a.client, (v) => v.room.lastSeq > total, 'A caught up');
    expect(va.room.checklist).toEqual(vb.room.checklist);
    expect(va.room.session).toEqual(vb.room.session);
    const [finalA, finalB] = await bothSettled(a, reloaded);
    expect(finalA.room).toEqual(finalB.room);
    expect(finalA.room.signals).toHaveLength(1);
  });
});

describe('RoomClient: access and deletion', () => {
  it('a link to a room that does not exist closes with room_gone and keeps nothing', async () => {
    const server = await rig.server();
    const secret = newRoomSecret();
    const stranger = await rig.phone(server, secret);
    expect((await untilClosed(stranger.client)).status).toEqual({
      kind: 'closed',
      reason: 'room_gone',
    });
    const { roomId } = await deriveRoomKeys(secret);
    expect(await stranger.browser.holdsAnythingOf(secret, roomId)).toEqual([]);
    expect(await server.store.getRoom(roomId)).toBeNull();
  });

  it('fail() closes the room and keeps the seat for a later attempt', async () => {
    const { keys, a } = await serverWithPair(rig);
    const record = loadOrCreateDevice(a.storage, keys.roomId);
    a.client.fail();
    expect(view(a).status).toEqual({ kind: 'closed', reason: 'failed' });
    expect(view(a).connected).toBe(false);
    expect(loadOrCreateDevice(a.storage, keys.roomId)).toEqual(record);
  });

  it('deleteRoom() closes both phones, clears both browsers, and the room stays gone', async () => {
    const { server, secret, keys, a, b } = await serverWithPair(rig);
    a.client.sendSignal('pause');
    a.client.addChecklistItem('Tea', 'both');
    await bothSettled(a, b);
    for (const phone of [a, b]) {
      const held = await phone.browser.holdsAnythingOf(secret, keys.roomId);
      expect(held.filter((key) => key.startsWith('envelopes:')).length).toBeGreaterThan(0);
      expect(phone.storage.keysFor(keys.roomId).length).toBeGreaterThan(0);
    }

    const bClosed = untilClosed(b.client);
    expect(await a.client.deleteRoom()).toBe(true);
    expect(view(a).status).toEqual({ kind: 'closed', reason: 'deleted' });
    expect((await bClosed).status).toEqual({ kind: 'closed', reason: 'deleted' });

    for (const phone of [a, b]) {
      expect(view(phone)).toMatchObject({ connected: false, room: initialRoomState, outbox: [] });
      expect(await phone.browser.holdsAnythingOf(secret, keys.roomId)).toEqual([]);
    }
    expect(await server.store.getRoom(keys.roomId)).toBeNull();

    // Neither browser can bring it back: both are new devices now, and joins never create.
    for (const browser of [b.browser, a.browser]) {
      const again = await rig.phone(server, secret, { browser });
      expect((await untilClosed(again.client)).status).toEqual({
        kind: 'closed',
        reason: 'room_gone',
      });
      expect(await browser.holdsAnythingOf(secret, keys.roomId)).toEqual([]);
    }
    expect(await server.store.getRoom(keys.roomId)).toBeNull();
  });

  it('a phone that was offline during the deletion learns it on reconnecting: room_gone', async () => {
    const { secret, keys, a, b } = await serverWithPair(rig);
    b.socket.disconnect();
    await until(b.client, (v) => !v.connected, 'B offline');
    b.client.sendSignal('slow_down');
    await a.client.deleteRoom();
    expect(view(a).status).toEqual({ kind: 'closed', reason: 'deleted' });

    b.client.reconnectNow();
    const vb = await untilClosed(b.client);
    expect(vb.status).toEqual({ kind: 'closed', reason: 'room_gone' });
    expect(vb).toMatchObject({ room: initialRoomState, outbox: [] });
    expect(await b.browser.holdsAnythingOf(secret, keys.roomId)).toEqual([]);
  });

  it('deleteRoom() without a connection resolves false and changes nothing', async () => {
    const { server, keys, a, b } = await serverWithPair(rig);
    b.client.stop();
    expect(await b.client.deleteRoom()).toBe(false);
    expect(view(b).status).toEqual({ kind: 'open' });
    expect(await server.store.getRoom(keys.roomId)).not.toBeNull();
    expect(readJson(b.storage, `tandem.device.${keys.roomId}`)).not.toBeNull();
    expect(isOpen(view(a))).toBe(true);
  });
});

describe('RoomClient: acknowledging many signals', () => {
  it('splits an acknowledgement into batches the contract allows', async () => {
    const { a, b } = await serverWithPair(rig);
    const count = LIMITS.maxSeenBatch + 3;
    for (let i = 0; i < count; i += 1) a.client.sendSignal('slow_down');
    const vb = await until(b.client, (v) => incomingAlerts(v, 1).length === count, 'B alerts');
    b.client.acknowledge(incomingAlerts(vb, 1).map((signal) => signal.id));
    const seenBatches = view(b).outbox.filter((entry) => entry.event.type === 'signal_seen');
    expect(
      seenBatches.map((entry) =>
        entry.event.type === 'signal_seen' ? entry.event.signalIds.length : 0,
      ),
    ).toEqual([LIMITS.maxSeenBatch, 3]);
    expect(incomingAlerts(view(b), 1)).toEqual([]);
    const va = await until(
      a.client,
      (v) => v.room.signals.length === count && v.room.signals.every((s) => s.seenAt !== null),
      'A sees all seen',
    );
    expect(va.room.signals.every((s) => s.from === 0)).toBe(true);
  });
});
