import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorReply, expectOk, waitFor, waitForDisconnect } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';
import type { TestServer } from './support/server.ts';
import { STORE_KINDS } from './support/stores.ts';

const PAUSE = { type: 'signal', kind: 'pause' } as const;
const HOUR = 60 * 60 * 1000;

/** Resolves once each partner's connection has been told why the room ended, then closed. */
async function toldAndLetGo(partners: readonly Partner[], reason: string): Promise<void> {
  const told = partners.map((partner) => waitFor(partner.socket, 'room:deleted'));
  const closed = partners.map((partner) => waitForDisconnect(partner.socket));
  expect(await Promise.all(told)).toEqual(partners.map(() => ({ reason })));
  expect(await Promise.all(closed)).toEqual(partners.map(() => 'io server disconnect'));
}

async function recordOf(server: TestServer, roomId: string) {
  const room = await server.store.getRoom(roomId);
  if (room === null) throw new Error('the room is gone');
  return room;
}

describe.each(STORE_KINDS)('room:keep on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  it('keeps the room until the time asked, and is not activity', async () => {
    const { server, a, b } = await harness.pair();
    const before = await recordOf(server, a.roomId);
    server.clock.advance(HOUR);
    const until = server.clock.now() + 5 * 24 * HOUR;
    expect(await b.client.request('room:keep', { until })).toEqual({ ok: true, keptUntil: until });
    expect(await recordOf(server, a.roomId)).toEqual({ ...before, keepUntil: until });
    // Nothing is pushed to either phone: a marker is the next thing both see.
    const marker = await a.sendOk(PAUSE);
    await b.received(marker.eventId);
    expect(b.client.envelopes.map((envelope) => envelope.eventId)).toEqual([marker.eventId]);
    expect([...a.client.roomDeleted, ...b.client.roomDeleted]).toEqual([]);
  });

  it('caps the time at the maximum age, and lowers it when asked for less', async () => {
    const { server, a } = await harness.pair();
    const { createdAt } = await recordOf(server, a.roomId);
    const cap = createdAt + server.roomMaxAgeMs;
    expect(await a.client.request('room:keep', { until: Number.MAX_SAFE_INTEGER })).toEqual({
      ok: true,
      keptUntil: cap,
    });
    const lower = server.clock.now() + 2 * 24 * HOUR;
    expect(await a.client.request('room:keep', { until: lower })).toEqual({
      ok: true,
      keptUntil: lower,
    });
    expect(await a.client.request('room:keep', { until: 0 })).toEqual({ ok: true, keptUntil: 0 });
    expect((await recordOf(server, a.roomId)).keepUntil).toBe(0);
  });

  it('a phone that was away rejoins a kept room after more than the idle time', async () => {
    const { server, a, b } = await harness.pair();
    const until = server.clock.now() + 3 * server.roomTtlMs;
    expectOk(await a.client.request('room:keep', { until }));
    await a.disconnect();
    await b.disconnect();

    server.clock.advance(2 * server.roomTtlMs);
    await b.connect();
    expect(expectOk(await b.join()).seat).toBe(1);
  });

  it('R6: a keep that finds the room expired ends it, tells the partner, and keeps nothing', async () => {
    const { server, a, b } = await harness.pair();
    server.clock.advance(server.roomTtlMs + 1);

    const aTold = waitFor(a.socket, 'room:deleted');
    const bLetGo = toldAndLetGo([b], 'expired');
    const late = server.clock.now() + server.roomTtlMs;
    expect(await a.client.request('room:keep', { until: late })).toEqual(
      errorReply('room_not_found'),
    );
    expect(await aTold).toEqual({ reason: 'expired' });
    await bLetGo;
    expect(await server.store.getRoom(a.roomId)).toBeNull();
    expect(await a.client.request('room:keep', { until: late })).toEqual(errorReply('not_joined'));
  });

  it('R4: a store that cannot write answers storage_unavailable, keeps nothing, and a retry keeps it', async () => {
    const server = await harness.faultyServer();
    const { a } = await harness.pairOn(server);
    const before = await recordOf(server, a.roomId);
    const until = server.clock.now() + 2 * 24 * HOUR;
    server.store.failNext('keepRoom', 1, 'unavailable');
    expect(await a.client.request('room:keep', { until })).toEqual(
      errorReply('storage_unavailable'),
    );
    expect(await recordOf(server, a.roomId)).toEqual(before);
    expect(await a.client.request('room:keep', { until })).toEqual({ ok: true, keptUntil: until });
  });

  it('logs no time it was asked for', async () => {
    const { server, a } = await harness.pair({ captureLogs: true });
    const until = server.clock.now() + 4 * 24 * HOUR + 1234;
    expectOk(await a.client.request('room:keep', { until }));
    expect(server.logLines.some((line) => line.includes('room kept'))).toBe(true);
    expect(server.logLines.filter((line) => line.includes(String(until)))).toEqual([]);
  });

  describe('the periodic sweep', () => {
    const SWEEP_MS = 60_000;

    afterEach(() => {
      vi.useRealTimers();
    });

    it('R6: spares a kept room past the idle time, and ends it once idle that long after the time kept', async () => {
      // Only the sweep's interval is faked; sockets and everything else run on real timers.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const server = await harness.server({ sweepIntervalMs: SWEEP_MS });
      const { a, b } = await harness.pairOn(server);
      // An unkept room beside it: its ending shows that the sweep has run.
      const { a: witnessA, b: witnessB } = await harness.pairOn(server);
      const until = server.clock.now() + 2 * server.roomTtlMs;
      expectOk(await a.client.request('room:keep', { until }));

      server.clock.advance(server.roomTtlMs + 1);
      const witnessLetGo = toldAndLetGo([witnessA, witnessB], 'expired');
      vi.advanceTimersByTime(SWEEP_MS);
      await witnessLetGo;
      // The kept room: still stored, and a round trip shows neither phone was told or let go.
      expect(await server.store.getRoom(a.roomId)).not.toBeNull();
      await b.received((await a.sendOk(PAUSE)).eventId);
      expect([...a.client.roomDeleted, ...b.client.roomDeleted]).toEqual([]);

      // Idle for the idle time after the time kept, plus one millisecond: it ends as any room.
      server.clock.advance(until + server.roomTtlMs + 1 - server.clock.now());
      const letGo = toldAndLetGo([a, b], 'expired');
      vi.advanceTimersByTime(SWEEP_MS);
      await letGo;
      expect(await server.store.getRoom(a.roomId)).toBeNull();

      // Closed while the interval is still faked, so the fake interval is the one cleared.
      await server.close();
    });
  });
});
