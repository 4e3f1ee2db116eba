import { itemText } from '../../support/item-text.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECK_EVERY_MS, STALL_AFTER_MS } from '../../../client/src/room/connection-watchdog.ts';
import {
  loadOrCreateDevice,
  registerRoomCreator,
  saveDevice,
} from '../../../client/src/room/device-record.ts';
import { readJson } from '../../../client/src/room/storage.ts';
import { incomingAlerts, lastOwnSignal } from '../../../client/src/ui/view-model.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';
import { initialRoomState, pendingAlertsFor } from '../../../shared/reducer.ts';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import { newMemberSecret } from '../../support/ids.ts';
import { TestBrowser } from '../../support/test-browser.ts';
import { FaultyStore, JOIN_FAULTS } from '../support/faulty-store.ts';
import {
  bothOnline,
  bothSettled,
  countOf,
  isOpen,
  loggedIds,
  only,
  openPair,
  serverWithPair,
  storeDirectly,
  until,
  untilClosed,
  view,
} from './support/room-clients.ts';
import { useRig } from './support/restartable.ts';

const rig = useRig();

const LAST_ROOM_KEY = 'tandem.lastRoom';
const deviceKey = (roomId: string) => `tandem.device.${roomId}`;
const outboxKey = (roomId: string) => `tandem.outbox.${roomId}`;

describe('RoomClient: a join the server fails is retried, never final', () => {
  it.each(JOIN_FAULTS)(
    'the store failing once while %s, for the creator and for the invitee: both end open',
    async (_what, method, arm) => {
      const server = await rig.server();
      const secret = newRoomSecret();
      const keys = await deriveRoomKeys(secret);
      const browserA = new TestBrowser();
      registerRoomCreator(browserA.storage, keys.roomId);

      arm(server.store);
      const a = await rig.phone(server, secret, { browser: browserA });
      // `until` rejects if the room closes: a closed status is final, so this proves it never did.
      await until(a.client, isOpen, 'A open after a failed join');
      expect(server.store.failed).toEqual([method]);
      expect(view(a)).toMatchObject({ seat: 0, unsentSignalLost: false });
      // The retry is a fresh connection of the same socket, not a new client.
      expect(a.sockets).toHaveLength(1);

      arm(server.store);
      const b = await rig.phone(server, secret);
      await Promise.all([
        until(a.client, bothOnline, 'A sees B'),
        until(b.client, bothOnline, 'B open after a failed join'),
      ]);
      expect(server.store.failed).toEqual([method, method]);
      expect(view(b).seat).toBe(1);
      expect(loadOrCreateDevice(b.storage, keys.roomId).seat).toBe(1);

      a.client.sendSignal('pause');
      const vb = await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B alerted');
      expect(only(incomingAlerts(vb, 1), 'alert').kind).toBe('pause');
    },
  );

  it('a signal tapped while the join is failing goes out once the retry succeeds', async () => {
    const { server, secret, keys, a, b } = await serverWithPair(rig);
    b.client.stop();
    await until(a.client, (v) => v.presence?.seats[1].online === false, 'A sees B leave');

    // A reload of B whose first join fails: the queued Pause waits for the retry, then goes.
    server.store.failNext('readAfter');
    const reloaded = await rig.phone(server, secret, { browser: b.browser });
    reloaded.client.sendSignal('pause');
    const tapped = only(view(reloaded).outbox, 'queued signal').eventId;
    await until(reloaded.client, (v) => isOpen(v) && v.outbox.length === 0, 'B drained');
    expect(server.store.failed).toEqual(['readAfter']);
    await until(a.client, (v) => incomingAlerts(v, 0).length === 1, 'A alerted');
    expect(countOf(await loggedIds(server, keys.roomId), tapped)).toBe(1);
  });
});

describe('RoomClient: a seat this phone already holds', () => {
  it('shows the room at once after a reload with no server; queued signals go once it is back', async () => {
    const store = new FaultyStore();
    store.keepOnClose = true;
    const first = await rig.server({ store });
    const { secret, keys, a, b } = await openPair(rig, first);
    expect(loadOrCreateDevice(b.storage, keys.roomId).seat).toBe(1);

    // The server goes away; B's page is reloaded meanwhile.
    b.client.stop();
    await first.close();
    await until(a.client, (v) => !v.connected, 'A offline');
    const reloaded = await rig.phone(first, secret, { browser: b.browser });

    // Before any connection: the room, the seat and its Pause button, and no presence to show.
    expect(view(reloaded)).toMatchObject({
      status: { kind: 'open' },
      seat: 1,
      presence: null,
      connected: false,
      room: initialRoomState,
      outbox: [],
      unsentSignalLost: false,
    });
    reloaded.client.sendSignal('pause');
    const tapped = only(view(reloaded).outbox, 'queued signal');
    expect(tapped).toMatchObject({ event: { type: 'signal', kind: 'pause' }, ackedSeq: null });
    expect(lastOwnSignal(view(reloaded), 1)).toMatchObject({ kind: 'pause', status: 'sending' });
    // Kept on the phone too (once written): a second reload would still have it.
    const keptOutbox = () => b.browser.openPage().loadOutbox(keys.roomId);
    await vi.waitUntil(async () => (await keptOutbox()).length > 0);
    expect(await keptOutbox()).toEqual([tapped]);

    // The server is said to be out of reach, and the room stays open.
    const away = await until(reloaded.client, (v) => v.unreachable, 'B unreachable');
    expect(away).toMatchObject({ status: { kind: 'open' }, seat: 1, connected: false });

    // The same server comes back at the same address, with the same rooms.
    const second = await rig.server({ store, port: first.port });
    const back = await until(
      reloaded.client,
      (v) => isOpen(v) && v.outbox.length === 0,
      'B back and drained',
    );
    expect(back).toMatchObject({ seat: 1, unreachable: false });
    const va = await until(a.client, (v) => incomingAlerts(v, 0).length === 1, 'A alerted');
    expect(only(incomingAlerts(va, 0), 'alert')).toMatchObject({
      id: tapped.eventId,
      kind: 'pause',
      from: 1,
    });

    const [finalA, finalB] = await bothSettled(a, reloaded);
    expect(finalA.room).toEqual(finalB.room);
    expect(finalA.room.signals.map((signal) => signal.id)).toEqual([tapped.eventId]);
    expect(countOf(await loggedIds(second, keys.roomId), tapped.eventId)).toBe(1);
    expect(lastOwnSignal(finalB, 1)).toMatchObject({ id: tapped.eventId, status: 'delivered' });
  });
});

describe('RoomClient: a server restart', () => {
  it('R8: both phones say they are reconnecting, never that the room ended, and carry on', async () => {
    const store = new FaultyStore();
    store.keepOnClose = true;
    const first = await rig.server({ store });
    const { keys, a, b } = await openPair(rig, first);
    const statuses = { a: new Set<string>(), b: new Set<string>() };
    a.client.subscribe(() => statuses.a.add(view(a).status.kind));
    b.client.subscribe(() => statuses.b.add(view(b).status.kind));

    await first.close();
    const [downA, downB] = await Promise.all([
      until(a.client, (v) => !v.connected, 'A reconnecting'),
      until(b.client, (v) => !v.connected, 'B reconnecting'),
    ]);
    for (const down of [downA, downB]) expect(down.status).toEqual({ kind: 'open' });
    a.client.sendSignal('pause');
    b.client.setItemChecked('wish-water', true);
    const queued = [...view(a).outbox, ...view(b).outbox].map((entry) => entry.eventId);

    const second = await rig.server({ store, port: first.port });
    await Promise.all([
      until(a.client, bothOnline, 'A back'),
      until(b.client, bothOnline, 'B back'),
    ]);
    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);
    const logged = await loggedIds(second, keys.roomId);
    for (const id of queued) expect(countOf(logged, id)).toBe(1);
    expect([...statuses.a, ...statuses.b].every((kind) => kind === 'open')).toBe(true);
  });
});

describe('RoomClient: the phone keeps its room', () => {
  it('R9: reloaded while the server is away, a phone shows the room as it last knew it, ticks included', async () => {
    const store = new FaultyStore();
    store.keepOnClose = true;
    const first = await rig.server({ store });
    const { secret, keys, a, b } = await openPair(rig, first);
    a.client.startSession();
    a.client.sendSignal('slow_down');
    a.client.endSession();
    a.client.setItemChecked('wish-water', true);
    b.client.setItemChecked('wish-rest', true);
    await until(b.client, (v) => v.room.checklist.filter((item) => item.checked).length === 2);
    const [, before] = await bothSettled(a, b);

    b.client.stop();
    await first.close();
    const reloaded = await rig.phone(first, secret, { browser: b.browser });
    // Before any connection: the whole room, from what the phone kept.
    expect(view(reloaded)).toMatchObject({ status: { kind: 'open' }, seat: 1, connected: false });
    expect(view(reloaded).room).toEqual(before.room);
    reloaded.client.sendSignal('pause');

    const second = await rig.server({ store, port: first.port });
    const [finalA, finalB] = await bothSettled(a, reloaded);
    expect(finalA.room).toEqual(finalB.room);
    expect(finalB.room.signals.map((signal) => signal.kind)).toEqual(['slow_down', 'pause']);
    const logged = await loggedIds(second, keys.roomId);
    expect(new Set(logged).size).toBe(logged.length);
  });
});

describe('RoomClient: a room that ends with an unsent signal', () => {
  it('room_gone (the server restarted without it): says the signal was lost and keeps nothing', async () => {
    const first = await rig.server();
    const { secret, keys, a, b } = await openPair(rig, first);
    expect(b.storage.getItem(LAST_ROOM_KEY)).toBe(secret);
    expect(a.storage.getItem(LAST_ROOM_KEY)).toBe(secret);

    await first.close();
    await Promise.all([
      until(a.client, (v) => !v.connected, 'A offline'),
      until(b.client, (v) => !v.connected, 'B offline'),
    ]);
    b.client.sendSignal('pause');
    // A queues only a tick: not a signal, so nothing to warn about.
    a.client.setItemChecked('wish-water', true);
    expect(view(b).outbox).toHaveLength(1);
    expect(view(a).outbox).toHaveLength(1);

    // A fresh server on the same address: the room is not there, and joins never create it.
    const second = await rig.server({ port: first.port });
    const [va, vb] = await Promise.all([untilClosed(a.client), untilClosed(b.client)]);
    expect(vb).toMatchObject({
      status: { kind: 'closed', reason: 'room_gone' },
      connected: false,
      unsentSignalLost: true,
      outbox: [],
      room: initialRoomState,
    });
    expect(va).toMatchObject({
      status: { kind: 'closed', reason: 'room_gone' },
      unsentSignalLost: false,
      outbox: [],
    });
    for (const phone of [a, b]) {
      expect(readJson(phone.storage, deviceKey(keys.roomId))).toBeNull();
      expect(readJson(phone.storage, outboxKey(keys.roomId))).toBeNull();
      expect(phone.storage.getItem(LAST_ROOM_KEY)).toBeNull();
      expect(await phone.browser.holdsAnythingOf(secret, keys.roomId)).toEqual([]);
    }
    expect(await second.store.getRoom(keys.roomId)).toBeNull();
  });

  it("the partner's deletion overtaking a queued signal: says it was lost; the deleter is not told", async () => {
    const { server, keys, a, b } = await serverWithPair(rig);
    // B's Pause reaches the server but is not stored: it stays queued, retried with backoff.
    server.store.failNext('append', 1_000);
    b.client.sendSignal('pause');
    await server.store.untilFailed('append');
    expect(view(b).outbox).toHaveLength(1);
    // A, with a signal of its own still queued, deletes the room.
    a.client.sendSignal('slow_down');
    expect(await a.client.deleteRoom()).toBe(true);

    const vb = await untilClosed(b.client);
    expect(vb).toMatchObject({
      status: { kind: 'closed', reason: 'deleted' },
      unsentSignalLost: true,
      outbox: [],
    });
    expect(view(a)).toMatchObject({
      status: { kind: 'closed', reason: 'deleted' },
      unsentSignalLost: false,
    });
    expect(readJson(b.storage, deviceKey(keys.roomId))).toBeNull();
  });

  it('room_full (a third device): says a signal tapped meanwhile was lost and forgets the device', async () => {
    const { server, secret, keys, a, b } = await serverWithPair(rig);

    const c = await rig.phone(server, secret);
    // Tapped before the server has answered the join.
    expect(view(c).status).toEqual({ kind: 'opening' });
    c.client.sendSignal('pause');
    const tapped = only(view(c).outbox, 'queued signal').eventId;
    expect(readJson(c.storage, deviceKey(keys.roomId))).not.toBeNull();

    const vc = await untilClosed(c.client);
    expect(vc).toMatchObject({
      status: { kind: 'closed', reason: 'room_full' },
      connected: false,
      seat: null,
      unsentSignalLost: true,
      outbox: [],
    });
    // Nothing sent from a refused phone goes anywhere.
    c.client.sendSignal('pause');
    expect(view(c).outbox).toEqual([]);
    expect(readJson(c.storage, deviceKey(keys.roomId))).toBeNull();
    expect(readJson(c.storage, outboxKey(keys.roomId))).toBeNull();
    expect(await c.browser.holdsAnythingOf(secret, keys.roomId)).toEqual([]);
    expect(countOf(await loggedIds(server, keys.roomId), tapped)).toBe(0);

    // The partners are undisturbed.
    expect(bothOnline(view(a)) && bothOnline(view(b))).toBe(true);
    a.client.sendSignal('slow_down');
    await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B alerted');
  });

  it('room_full with nothing queued: no warning, and the device is forgotten all the same', async () => {
    const { server, secret, keys } = await serverWithPair(rig);
    const d = await rig.phone(server, secret);
    const vd = await untilClosed(d.client);
    expect(vd).toMatchObject({
      status: { kind: 'closed', reason: 'room_full' },
      unsentSignalLost: false,
    });
    expect(await d.browser.holdsAnythingOf(secret, keys.roomId)).toEqual([]);
  });

  it('unauthorized (a member secret that does not match): forgets the device record', async () => {
    const { server, secret, keys, b } = await serverWithPair(rig);
    const impostor = new TestBrowser();
    saveDevice(impostor.storage, keys.roomId, {
      ...loadOrCreateDevice(b.storage, keys.roomId),
      memberSecret: newMemberSecret(),
    });
    const phone = await rig.phone(server, secret, { browser: impostor });
    phone.client.sendSignal('check_in');
    const closed = await untilClosed(phone.client);
    expect(closed).toMatchObject({
      status: { kind: 'closed', reason: 'unauthorized' },
      unsentSignalLost: true,
    });
    expect(await impostor.holdsAnythingOf(secret, keys.roomId)).toEqual([]);
    expect(isOpen(view(b))).toBe(true);
  });
});

describe('RoomClient: a store that serves an envelope twice', () => {
  it('a copy of an acknowledged signal under a later seq does not alert again, live or replayed', async () => {
    const { server, secret, keys, a, b } = await serverWithPair(rig);
    a.client.sendSignal('pause');
    const alerted = await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B alerted');
    const alert = only(incomingAlerts(alerted, 1), 'alert');
    b.client.acknowledge([alert.id]);
    await until(a.client, (v) => lastOwnSignal(v, 0)?.status === 'seen', 'A sees seen');
    const [, before] = await bothSettled(a, b);
    const original = only(
      (await server.store.log(keys.roomId)).filter((envelope) => envelope.eventId === alert.id),
      'logged signal',
    );

    // The store turns A's next append into the old signal, same id and ciphertext, under the new
    // seq, and keeps serving it so in replays: pushed to both phones like any new entry.
    let copySeq = 0;
    server.store.rewriteAppend = (stored) => {
      if (stored.seat !== 0) return null;
      server.store.rewriteAppend = null;
      copySeq = stored.seq;
      return { ...original, seq: stored.seq, storedAt: stored.storedAt };
    };
    a.client.startSession();
    a.client.addChecklistItem('Marker', 'both');

    // The marker is folded after the copy, so the copy has been through B's replica by then.
    const hasMarker = (v: RoomView) => v.room.checklist.some((item) => itemText(item) === 'Marker');
    const vb = await until(b.client, hasMarker, 'B has the marker');
    expect(copySeq).toBeGreaterThan(original.seq);
    const served = await server.store.log(keys.roomId);
    expect(served.filter((e) => e.eventId === alert.id).map((e) => e.seq)).toEqual([
      original.seq,
      copySeq,
    ]);
    expect(pendingAlertsFor(vb.room, 1)).toEqual([]);
    expect(incomingAlerts(vb, 1)).toEqual([]);
    expect(vb.room.signals).toEqual(before.room.signals);
    // The entry the copy replaced never reached the log.
    expect(vb.room.session.status).toBe('not_started');

    const va = await until(a.client, hasMarker, 'A has the marker');
    expect(va.room.signals).toEqual(before.room.signals);
    expect(lastOwnSignal(va, 0)).toMatchObject({ id: alert.id, status: 'seen' });

    // A reload of B replays the whole log, the copy included, and still shows no alert.
    b.client.stop();
    const reloaded = await rig.phone(server, secret, { browser: b.browser });
    const replayed = await until(
      reloaded.client,
      (v) => isOpen(v) && hasMarker(v),
      'B reloaded with the marker',
    );
    expect(pendingAlertsFor(replayed.room, 1)).toEqual([]);
    expect(replayed.room.signals).toEqual(before.room.signals);
  });
});

describe('RoomClient: catching up after a gap', () => {
  it('a replay page the server fails is asked for again, without waiting for another push', async () => {
    const { server, keys, a, b } = await serverWithPair(rig);
    // Stored without a push: neither phone knows these three yet.
    for (const checked of [true, false, true]) {
      await storeDirectly(server, keys, {
        type: 'checklist_item_checked',
        itemId: 'wish-water',
        checked,
      });
    }
    // Both phones' first page fails. Nothing else is sent after the Pause, so only a retry of the
    // page itself can close either gap.
    server.store.failNext('readAfter', 2);
    a.client.sendSignal('pause');
    const [va, vb] = await Promise.all([
      until(a.client, (v) => v.room.lastSeq >= 4, 'A caught up'),
      until(b.client, (v) => v.room.lastSeq >= 4, 'B caught up'),
    ]);
    expect(server.store.failed).toEqual(['readAfter', 'readAfter']);
    for (const v of [va, vb]) {
      expect(v.room.checklist.find((item) => item.id === 'wish-water')?.checked).toBe(true);
      expect(v.room.signals.map((signal) => signal.kind)).toEqual(['pause']);
    }
    await bothSettled(a, b);
  });
});

describe('RoomClient: the watchdog', () => {
  // Only the watchdog's interval and the clock it reads are faked; sockets and the client's
  // retry timers run on real timers. socket.io's own connection timeout is set out of reach, so
  // nothing but the watchdog can end the stall.
  const STALLING = { socket: { timeout: 10 * 60 * 1000 } } as const;
  // The watchdog (connection-watchdog.ts) checks every CHECK_EVERY_MS for more than
  // STALL_AFTER_MS without a sign of life. One check short of the limit it has done nothing; the
  // first check past the limit restarts the attempt, and the next one finds it fresh.
  const BEFORE_STALL_MS = STALL_AFTER_MS - CHECK_EVERY_MS;
  const PAST_STALL_MS = STALL_AFTER_MS + 2 * CHECK_EVERY_MS;

  afterEach(() => {
    vi.useRealTimers();
  });

  it('restarts a connection attempt that was cut off mid-handshake while reconnecting', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const store = new FaultyStore();
    store.keepOnClose = true;
    const first = await rig.server({ store });
    const { a, b } = await openPair(rig, first, STALLING);

    // The server goes down; what answers on its port next accepts the upgrade and hangs up.
    await first.close();
    await Promise.all([
      until(a.client, (v) => !v.connected, 'A offline'),
      until(b.client, (v) => !v.connected, 'B offline'),
    ]);
    const stall = await rig.stallServer(first.port);
    await stall.untilUpgrades(2);
    await stall.close();
    const second = await rig.server({ store, port: first.port });
    const restarts = [a, b].map((phone) => vi.spyOn(phone.socket, 'connect'));

    // Not stalled long enough yet: the watchdog leaves the attempt alone.
    vi.advanceTimersByTime(BEFORE_STALL_MS);
    expect(restarts.map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
    // Past its limit with no sign of life: each phone starts one new attempt, which connects.
    vi.advanceTimersByTime(PAST_STALL_MS - BEFORE_STALL_MS);
    expect(restarts.map((spy) => spy.mock.calls.length)).toEqual([1, 1]);
    await Promise.all([
      until(a.client, bothOnline, 'A back'),
      until(b.client, bothOnline, 'B back'),
    ]);

    a.client.sendSignal('pause');
    await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B alerted');
    expect(a.sockets).toHaveLength(1);
    expect(b.sockets).toHaveLength(1);

    // Stopped and closed while the interval is still faked, so the fake intervals are cleared.
    a.client.stop();
    b.client.stop();
    await second.close();
  });

  it('restarts a first connection cut off mid-handshake (a reload while the server is down)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const stall = await rig.stallServer();
    const target = { url: `http://127.0.0.1:${String(stall.port)}` };
    const secret = newRoomSecret();
    const keys = await deriveRoomKeys(secret);
    const browser = new TestBrowser();
    registerRoomCreator(browser.storage, keys.roomId);
    const phone = await rig.phone(target, secret, { ...STALLING, browser });
    await stall.untilUpgrades(1);
    await stall.close();
    const server = await rig.server({ port: stall.port });
    const restart = vi.spyOn(phone.socket, 'connect');
    expect(view(phone).status).toEqual({ kind: 'opening' });

    vi.advanceTimersByTime(BEFORE_STALL_MS);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(PAST_STALL_MS - BEFORE_STALL_MS);
    expect(restart).toHaveBeenCalledTimes(1);
    const opened = await until(phone.client, isOpen, 'open after the stall');
    expect(opened.seat).toBe(0);
    expect(await server.store.getRoom(keys.roomId)).not.toBeNull();

    phone.client.stop();
    await server.close();
  });
});
