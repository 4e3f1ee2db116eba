import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { TandemApp } from '../../server/app.ts';
import type { Presence } from '../../shared/protocol.ts';
import { errorReply, expectOk, waitFor, waitForDisconnect } from './support/client.ts';
import { FaultyStore } from './support/faulty-store.ts';
import type { StoreMethod } from './support/faulty-store.ts';
import { useHarness } from './support/harness.ts';
import { Partner } from './support/partner.ts';
import type { TestServer } from './support/server.ts';

const harness = useHarness();
const TTL_MS = 72 * 60 * 60 * 1000;
const PAUSE = { type: 'signal', kind: 'pause' } as const;
const SLOW_DOWN = { type: 'signal', kind: 'slow_down' } as const;
const STARTED = { type: 'session_started' } as const;

const apps: TandemApp[] = [];
const partners: Partner[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  expect(partners.splice(0).flatMap((partner) => partner.problems)).toEqual([]);
});

/** A real server on 127.0.0.1, port 0, over a store that fails on demand. */
async function faultyServer(): Promise<{ store: FaultyStore; url: string }> {
  const store = new FaultyStore();
  const app = createApp({ store }, { staticDir: null, roomTtlMs: TTL_MS });
  apps.push(app);
  const { port } = await app.listen(0, '127.0.0.1');
  return { store, url: `http://127.0.0.1:${String(port)}` };
}

async function starter(url: string): Promise<Partner> {
  const partner = await Partner.starting(url, harness.track);
  partners.push(partner);
  return partner;
}

async function invitee(of: Partner): Promise<Partner> {
  const partner = await Partner.invitedBy(of);
  partners.push(partner);
  return partner;
}

const bothOnline = (presence: Presence): boolean =>
  presence.seats.every((seat) => seat.taken && seat.online);

/** How each fault is armed, and which store call it hits. */
const FAULTS: readonly (readonly [string, StoreMethod, (store: FaultyStore) => void])[] = [
  ['reading the replay', 'readAfter', (store) => store.failNext('readAfter')],
  ['claiming the seat', 'claimSeat', (store) => store.failNext('claimSeat')],
  [
    'reading presence after the claim',
    'getRoom',
    (store) => {
      // liveRoom reads the room before the claim; only the read after it (presence) fails.
      store.afterClaim = () => {
        store.afterClaim = null;
        store.failNext('getRoom');
      };
    },
  ],
];

describe('a join the store fails', () => {
  it.each(FAULTS)(
    'while %s: answered internal, leaves the connection seatless and outside the room, and a retry on it succeeds',
    async (_what, method, arm) => {
      const { store, url } = await faultyServer();
      const a = await starter(url);
      await a.enter({ create: true });
      const before = await a.sendOk(PAUSE);

      const b = await invitee(a);
      await b.connect();
      arm(store);
      expect(await b.join()).toEqual(errorReply('internal'));
      expect(store.failed).toEqual([method]);
      expect(store.afterClaim).toBeNull();

      // The connection holds no seat: it may neither send nor read.
      expect(await b.client.request('envelope:send', await a.seal(SLOW_DOWN))).toEqual(
        errorReply('not_joined'),
      );
      expect(await b.sync(0)).toEqual(errorReply('not_joined'));

      // Nor is it in the room's broadcast group. A returns on a second connection (a presence
      // push to the room) and sends a marker (an envelope push to the room); A's first connection
      // gets both. Both pushes are written before A's replies, and so before B's reply below.
      const aFirst = a.client;
      await a.connect();
      expectOk(await a.join());
      const marker = await a.sendOk(STARTED);
      await aFirst.until(
        () => aFirst.envelopes.some((envelope) => envelope.eventId === marker.eventId),
        'marker on A',
      );
      expect(await b.sync(0)).toEqual(errorReply('not_joined'));
      expect(b.client.envelopes).toEqual([]);
      expect(b.client.presence).toEqual([]);
      expect(b.client.roomDeletedPushes).toBe(0);
      // A's first connection had one presence push, its own second connection's; the failed join
      // announced nothing, and B never counted as online.
      expect(aFirst.presence).toHaveLength(1);
      expect(aFirst.presence[0]?.seats[1].online).toBe(false);

      // The same connection joins again, cleanly: not already_joined.
      const back = expectOk(await b.join());
      expect(back.seat).toBe(1);
      expect(back.envelopes.map((envelope) => envelope.eventId)).toEqual([
        before.eventId,
        marker.eventId,
      ]);
      expect(bothOnline(back.presence)).toBe(true);
      await a.client.until(() => a.client.presence.some(bothOnline), 'A sees B online');

      // From now on it is in the room: pushes reach it, and what it sends reaches A.
      const after = await a.sendOk(SLOW_DOWN);
      await b.received(after.eventId);
      const reply = await b.sendOk(STARTED);
      await a.received(reply.eventId);
      const room = await store.getRoom(a.roomId);
      expect(room?.seats.map((seat) => seat?.memberId)).toEqual([a.memberId, b.memberId]);
      expect(b.client.connected).toBe(true);
    },
  );

  it('a retry after the failure does not take a second seat, and a third device is still refused', async () => {
    const { store, url } = await faultyServer();
    const a = await starter(url);
    await a.enter({ create: true });
    const b = await invitee(a);
    await b.connect();
    store.failNext('readAfter');
    expect(await b.join()).toEqual(errorReply('internal'));
    expect(expectOk(await b.join()).seat).toBe(1);

    const c = await invitee(a);
    await c.connect();
    expect(await c.join()).toEqual(errorReply('room_full'));
  });
});

describe('the idle sweep', () => {
  const SWEEP_MS = 60_000;

  afterEach(() => {
    vi.useRealTimers();
  });

  it('tells the phones of a room it removes, then lets them go; an active room is untouched', async () => {
    // Only the sweep's interval is faked; sockets and everything else run on real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const server = await harness.server({ roomTtlMs: TTL_MS, sweepIntervalMs: SWEEP_MS });
    const { a: idleA, b: idleB } = await openPair(server);
    const { a: busyA, b: busyB } = await openPair(server);

    server.clock.advance(TTL_MS);
    const kept = await busyA.sendOk(PAUSE);
    server.clock.advance(1);

    const told = [idleA, idleB].map((partner) => waitFor(partner.socket, 'room:deleted'));
    const closed = [idleA, idleB].map((partner) => waitForDisconnect(partner.socket));
    vi.advanceTimersByTime(SWEEP_MS);

    // The notice first (waitFor rejects if the connection closes before it), then the server
    // closes the connection.
    expect(await Promise.all(told)).toEqual([{ reason: 'expired' }, { reason: 'expired' }]);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await server.store.getRoom(idleA.roomId)).toBeNull();

    // The active room: a round trip after the sweep shows it was neither told nor closed.
    await busyB.received(kept.eventId);
    const reply = await busyB.sendOk(SLOW_DOWN);
    await busyA.received(reply.eventId);
    expect(busyA.client.connected && busyB.client.connected).toBe(true);
    expect(busyA.client.roomDeletedPushes + busyB.client.roomDeletedPushes).toBe(0);
    expect(await server.store.getRoom(busyA.roomId)).not.toBeNull();

    // A phone of the removed room that comes back finds nothing: joins never create.
    await idleB.connect();
    expect(await idleB.join({ afterSeq: 0 })).toEqual(errorReply('room_not_found'));

    // Closed while the interval is still faked, so the fake interval is the one cleared.
    await server.close();
  });
});

async function openPair(server: TestServer): Promise<{ a: Partner; b: Partner }> {
  const a = await harness.starter(server);
  await a.enter({ create: true });
  const b = await harness.invitee(a);
  await b.enter();
  return { a, b };
}
