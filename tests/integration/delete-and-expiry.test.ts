import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorReply, expectOk, waitFor, waitForDisconnect } from './support/client.ts';
import type { StoreMethod } from './support/faulty-store.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';
import type { TestServer } from './support/server.ts';
import { STORE_KINDS } from './support/stores.ts';

const PAUSE = { type: 'signal', kind: 'pause' } as const;
const SLOW_DOWN = { type: 'signal', kind: 'slow_down' } as const;

async function expectRoomGone(server: TestServer, roomId: string): Promise<void> {
  expect(await server.store.getRoom(roomId)).toBeNull();
  expect(server.store.dumpForTests()).toBe('[]');
}

/** A device that comes back later, on a new connection, and only ever joins. */
async function rejoin(partner: Partner) {
  await partner.connect();
  return partner.join({ afterSeq: 0 });
}

/** Resolves once each partner's connection has been told why the room ended, then closed. */
async function toldAndLetGo(partners: readonly Partner[], reason: string): Promise<void> {
  const told = partners.map((partner) => waitFor(partner.socket, 'room:deleted'));
  const closed = partners.map((partner) => waitForDisconnect(partner.socket));
  // waitFor rejects if the connection closes before the notice: the notice comes first.
  expect(await Promise.all(told)).toEqual(partners.map(() => ({ reason })));
  expect(await Promise.all(closed)).toEqual(partners.map(() => 'io server disconnect'));
}

describe.each(STORE_KINDS)('on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  describe('deleting a room', () => {
    it.each(['the creator', 'the partner'] as const)(
      'R6: removes it for both when %s deletes it',
      async (who) => {
        const { server, a, b } = await harness.pair();
        const signal = await a.sendOk(PAUSE);
        await b.received(signal.eventId);
        const [deleter, other] = who === 'the creator' ? [a, b] : [b, a];

        const deleterTold = waitFor(deleter.socket, 'room:deleted');
        const otherLetGo = toldAndLetGo([other], 'deleted');
        expect(await deleter.client.request('room:delete', {})).toEqual({ ok: true });
        expect(await deleterTold).toEqual({ reason: 'deleted' });
        await otherLetGo;
        await expectRoomGone(server, a.roomId);

        // The deleting phone keeps its connection, which no longer holds a seat.
        expect(deleter.client.connected).toBe(true);
        expect((await deleter.send(SLOW_DOWN)).reply).toEqual(errorReply('not_joined'));
        expect(await deleter.sync(0)).toEqual(errorReply('not_joined'));

        // Neither phone can bring it back by joining again: joins never create.
        expect(await rejoin(other)).toEqual(errorReply('room_not_found'));
        expect((await other.send(PAUSE)).reply).toEqual(errorReply('not_joined'));
        expect(await deleter.join()).toEqual(errorReply('room_not_found'));
        await expectRoomGone(server, a.roomId);
        expect(deleter.client.roomDeleted).toEqual([{ reason: 'deleted' }]);
      },
    );
  });

  describe('a request left in flight while its room is deleted and made again', () => {
    it.each<[request: string, method: StoreMethod, storeSaid: unknown]>([
      ['envelope:send', 'append', { status: 'room_not_found' }],
      ['room:sync', 'readAfter', { status: 'room_not_found' }],
      ['room:delete', 'deleteRoom', false],
    ])(
      'R5: acts only on the incarnation it joined, never the new room (%s)',
      async (request, method, storeSaid) => {
        const server = await harness.faultyServer();
        const { store } = server;
        const { a, b } = await harness.pairOn(server);
        const old = await a.sendOk(PAUSE);
        await b.received(old.eventId);

        // B's request reaches the store's door and waits there.
        const held = store.holdNext(method);
        const late =
          request === 'envelope:send'
            ? b.send(SLOW_DOWN)
            : request === 'room:sync'
              ? b.sync(0)
              : b.client.request('room:delete', {});
        // B's connection closes below with its request unanswered: that is expected.
        late.catch(() => undefined);
        await held.entered;

        // Meanwhile A deletes the room (B is told and let go), makes it again, and C takes seat 1.
        const bLetGo = toldAndLetGo([b], 'deleted');
        expect(await a.client.request('room:delete', {})).toEqual({ ok: true });
        await bLetGo;
        a.forgetLog();
        const remade = expectOk(await a.join({ create: true, afterSeq: 0 }));
        const c = await harness.invitee(a);
        expect((await c.enter()).seat).toBe(1);

        // Now B's request goes through, naming the incarnation B joined: it finds nothing.
        held.release();
        expect(await held.settled).toEqual(storeSaid);

        // The new room is whole and untouched: C's marker is its first entry.
        const marker = await c.sendOk({ type: 'session_started' });
        expect(marker.seq).toBe(1);
        await a.received(marker.eventId);
        const room = await store.getRoom(a.roomId);
        expect(room?.incarnation).toBe(remade.incarnation);
        expect(room?.seats.map((seat) => seat?.memberId)).toEqual([a.memberId, c.memberId]);
        expect((await store.log(a.roomId)).map((envelope) => envelope.eventId)).toEqual([
          marker.eventId,
        ]);
        expect(c.client.roomDeleted).toEqual([]);
      },
    );
  });

  describe('expiry', () => {
    it('R6: forgets a room idle for longer than its time to live', async () => {
      const { server, a, b } = await harness.pair();
      await a.sendOk(PAUSE);
      await a.disconnect();
      await b.disconnect();

      server.clock.advance(server.roomTtlMs + 1);
      expect(await rejoin(b)).toEqual(errorReply('room_not_found'));
      await expectRoomGone(server, a.roomId);
    });

    it('keeps a room alive while it is used before the cutoff', async () => {
      const { server, a, b } = await harness.pair();
      await b.disconnect();

      // Activity one step before the cutoff restarts the room's time to live.
      server.clock.advance(server.roomTtlMs - 1);
      const kept = await a.sendOk(PAUSE);
      server.clock.advance(server.roomTtlMs - 1);

      const back = expectOk(await rejoin(b));
      expect(back.seat).toBe(1);
      expect(back.envelopes.map((envelope) => envelope.eventId)).toEqual([kept.eventId]);

      // The join was activity too; only a full time to live of silence after it ends the room.
      server.clock.advance(server.roomTtlMs - 1);
      expect((await b.sync(0)).ok).toBe(true);
      await b.disconnect();
      server.clock.advance(server.roomTtlMs + 1);
      expect(await rejoin(b)).toEqual(errorReply('room_not_found'));
    });

    it('R6: a send that finds the room expired ends it, and the partner is told', async () => {
      // Every request treats an expired room as gone, not only a join: before the periodic sweep
      // runs, a connection that joined earlier must neither read the room nor revive it by sending.
      const { server, a, b } = await harness.pair();
      server.clock.advance(server.roomTtlMs + 1);

      const aTold = waitFor(a.socket, 'room:deleted');
      const bLetGo = toldAndLetGo([b], 'expired');
      const late = await a.send(PAUSE);
      expect(late.reply).toEqual(errorReply('room_not_found'));
      expect(await aTold).toEqual({ reason: 'expired' });
      await bLetGo;
      await expectRoomGone(server, a.roomId);
      // A keeps its connection for the reply, without a seat.
      expect(await a.sync(0)).toEqual(errorReply('not_joined'));
    });

    it('R6: a join that finds the room expired ends it for the phones still connected', async () => {
      const { server, a, b } = await harness.pair();
      server.clock.advance(server.roomTtlMs + 1);

      const bothLetGo = toldAndLetGo([a, b], 'expired');
      // Another device with the invite asks to join: the join finds the room expired.
      const reload = await harness.invitee(a);
      await reload.connect();
      expect(await reload.join()).toEqual(errorReply('room_not_found'));
      await bothLetGo;
      await expectRoomGone(server, a.roomId);
    });

    it('R5 R6: a create that finds the room expired makes a new incarnation, never the old one', async () => {
      const { server, a, b } = await harness.pair();
      const first = await a.sendOk(PAUSE);
      const oldIncarnation = (await server.store.getRoom(a.roomId))?.incarnation;
      server.clock.advance(server.roomTtlMs + 1);

      const bLetGo = toldAndLetGo([b], 'expired');
      await a.connect();
      const made = expectOk(await a.join({ create: true, afterSeq: 0 }));
      await bLetGo;
      expect(made.seat).toBe(0);
      expect(made.incarnation).not.toBe(oldIncarnation);
      expect(made.envelopes).toEqual([]);
      const room = await server.store.getRoom(a.roomId);
      expect(room).toMatchObject({ incarnation: made.incarnation, lastSeq: 0 });
      expect(server.store.dumpForTests()).not.toContain(first.eventId);
    });
  });

  describe('the maximum age', () => {
    it('R6: ends a room however busy it is, and tells both phones why', async () => {
      const { server, a, b } = await harness.pair({ roomMaxAgeMs: 3 * 72 * 60 * 60 * 1000 });
      // Busy all along: a signal every half idle time, up to the maximum age.
      const step = server.roomTtlMs / 2;
      for (let age = step; age <= server.roomMaxAgeMs; age += step) {
        server.clock.advance(step);
        await b.received((await a.sendOk(SLOW_DOWN)).eventId);
      }
      server.clock.advance(1);

      const aTold = waitFor(a.socket, 'room:deleted');
      const bLetGo = toldAndLetGo([b], 'max_age');
      expect((await a.send(PAUSE)).reply).toEqual(errorReply('room_not_found'));
      expect(await aTold).toEqual({ reason: 'max_age' });
      await bLetGo;
      await expectRoomGone(server, a.roomId);
    });
  });

  describe('the periodic sweep', () => {
    const SWEEP_MS = 60_000;

    afterEach(() => {
      vi.useRealTimers();
    });

    it('R6: tells the phones of a room it removes, then lets them go; an active room is untouched', async () => {
      // Only the sweep's interval is faked; sockets and everything else run on real timers.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const server = await harness.server({ sweepIntervalMs: SWEEP_MS });
      const { a: idleA, b: idleB } = await harness.pairOn(server);
      const { a: busyA, b: busyB } = await harness.pairOn(server);

      server.clock.advance(server.roomTtlMs);
      const kept = await busyA.sendOk(PAUSE);
      server.clock.advance(1);

      const idleLetGo = toldAndLetGo([idleA, idleB], 'expired');
      vi.advanceTimersByTime(SWEEP_MS);
      await idleLetGo;
      expect(await server.store.getRoom(idleA.roomId)).toBeNull();

      // The active room: a round trip after the sweep shows it was neither told nor closed.
      await busyB.received(kept.eventId);
      const reply = await busyB.sendOk(SLOW_DOWN);
      await busyA.received(reply.eventId);
      expect(busyA.client.connected && busyB.client.connected).toBe(true);
      expect([...busyA.client.roomDeleted, ...busyB.client.roomDeleted]).toEqual([]);
      expect(await server.store.getRoom(busyA.roomId)).not.toBeNull();

      // A phone of the removed room that comes back finds nothing: joins never create.
      await idleB.connect();
      expect(await idleB.join({ afterSeq: 0 })).toEqual(errorReply('room_not_found'));

      // Closed while the interval is still faked, so the fake interval is the one cleared.
      await server.close();
    });

    it('R6: ends a room past its maximum age with that reason', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const server = await harness.server({
        sweepIntervalMs: SWEEP_MS,
        roomMaxAgeMs: 72 * 60 * 60 * 1000,
      });
      const { a, b } = await harness.pairOn(server);
      // Active just before the maximum age, so only the age can end it.
      server.clock.advance(server.roomMaxAgeMs - 1);
      await b.received((await a.sendOk(PAUSE)).eventId);
      server.clock.advance(2);

      const letGo = toldAndLetGo([a, b], 'max_age');
      vi.advanceTimersByTime(SWEEP_MS);
      await letGo;
      await expectRoomGone(server, a.roomId);
      await server.close();
    });
  });
});
