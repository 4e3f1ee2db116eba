import { describe, expect, it } from 'vitest';
import { errorReply, expectOk, presenceBothOnline } from './support/client.ts';
import { FaultyStore, JOIN_FAULTS } from './support/faulty-store.ts';
import { useHarness } from './support/harness.ts';

const harness = useHarness();
const PAUSE = { type: 'signal', kind: 'pause' } as const;
const SLOW_DOWN = { type: 'signal', kind: 'slow_down' } as const;
const STARTED = { type: 'session_started' } as const;

describe('a join the store fails', () => {
  it.each(JOIN_FAULTS)(
    'while %s: answered internal, leaves the connection seatless and outside the room, and a retry on it succeeds',
    async (_what, method, arm) => {
      const server = await harness.server({ store: new FaultyStore() });
      const { store } = server;
      const a = await harness.starter(server);
      await a.enter({ create: true });
      const before = await a.sendOk(PAUSE);

      const b = await harness.invitee(a);
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
      expect(b.client.roomDeleted).toEqual([]);
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
      expect(presenceBothOnline(back.presence)).toBe(true);
      await a.client.until(() => a.client.presence.some(presenceBothOnline), 'A sees B online');

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
    const server = await harness.server({ store: new FaultyStore() });
    const { store } = server;
    const a = await harness.starter(server);
    await a.enter({ create: true });
    const b = await harness.invitee(a);
    await b.connect();
    store.failNext('readAfter');
    expect(await b.join()).toEqual(errorReply('internal'));
    expect(expectOk(await b.join()).seat).toBe(1);

    const c = await harness.invitee(a);
    await c.connect();
    expect(await c.join()).toEqual(errorReply('room_full'));
  });
});

describe('a store that cannot write', () => {
  it('R4: answers storage_unavailable (retryable), changes nothing, and the same event is taken on retry', async () => {
    const server = await harness.server({ store: new FaultyStore(), captureLogs: true });
    const { store } = server;
    const { a, b } = await harness.pairOn(server);
    const envelope = await a.seal(PAUSE);
    const before = store.dumpForTests();

    store.failNext('append', 1, 'unavailable');
    expect(await a.client.request('envelope:send', envelope)).toEqual(
      errorReply('storage_unavailable'),
    );
    expect(store.dumpForTests()).toBe(before);
    // Logged with its code only: no room id, no ciphertext.
    const logged = server.logLines.find((line) => line.includes('store unavailable'));
    expect(JSON.parse(logged ?? '{}')).toMatchObject({
      level: 'error',
      request: 'envelope:send',
      code: 'INJECTED_FULL',
    });
    expect(logged).not.toContain(a.roomId);
    expect(logged).not.toContain(envelope.ciphertext);

    // The phone keeps it and sends it again: stored once, relayed once.
    expect(await a.client.request('envelope:send', envelope)).toEqual({
      ok: true,
      seq: 1,
      duplicate: false,
    });
    await b.received(envelope.eventId);
  });
});
