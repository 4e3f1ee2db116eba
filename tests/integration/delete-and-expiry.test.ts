import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorReply, expectOk, waitFor, waitForDisconnect } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';
import type { TestServer } from './support/server.ts';

const harness = useHarness();
const PAUSE = { type: 'signal', kind: 'pause' } as const;

async function expectRoomGone(server: TestServer, roomId: string): Promise<void> {
  expect(await server.store.getRoom(roomId)).toBeNull();
  expect(await server.store.readAfter(roomId, 0, 1000)).toEqual([]);
  expect(server.store.dumpForTests()).toBe('[]');
}

/** A device that comes back later, on a new connection, and only ever joins. */
async function rejoin(partner: Partner) {
  await partner.connect();
  return partner.join({ afterSeq: 0 });
}

describe('deleting a room', () => {
  it.each(['the creator', 'the partner'] as const)(
    'removes it for both when %s deletes it',
    async (who) => {
      const { server, a, b } = await harness.pair();
      const signal = await a.sendOk(PAUSE);
      await b.received(signal.eventId);
      const [deleter, other] = who === 'the creator' ? [a, b] : [b, a];

      const deleterTold = waitFor(deleter.socket, 'room:deleted');
      const otherTold = waitFor(other.socket, 'room:deleted');
      const otherClosed = waitForDisconnect(other.socket);
      expect(await deleter.client.request('room:delete', {})).toEqual({ ok: true });
      expect(await deleterTold).toEqual({ reason: 'deleted' });
      expect(await otherTold).toEqual({ reason: 'deleted' });
      await expectRoomGone(server, a.roomId);

      // The other phone is told first, then its connection is closed by the server; the
      // deleting phone keeps its connection, which no longer holds a seat.
      expect(await otherClosed).toBe('io server disconnect');
      expect(deleter.client.connected).toBe(true);
      expect((await deleter.send({ type: 'signal', kind: 'slow_down' })).reply).toEqual(
        errorReply('not_joined'),
      );
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

describe('a connection left over from a room that is gone', () => {
  it.each(['envelope:send', 'room:sync', 'room:delete'] as const)(
    'cannot use a new room made under the same id (%s)',
    async (request) => {
      const { server, a, b } = await harness.pair();
      const old = await a.sendOk(PAUSE);
      await b.received(old.eventId);

      // The room expires; A's next request finds it gone. B's connection is still open.
      server.clock.advance(server.roomTtlMs + 1);
      expect(await a.sync(0)).toEqual(errorReply('room_not_found'));
      expect(b.client.connected).toBe(true);
      a.forgetLog();

      // The room is made again under the same id, and seat 1 now belongs to C.
      expect(expectOk(await a.join({ create: true, afterSeq: 0 })).seat).toBe(0);
      const c = await harness.invitee(a);
      expect((await c.enter()).seat).toBe(1);

      // B's old connection must not act as seat 1 of the new room.
      const reply =
        request === 'envelope:send'
          ? (await b.send(PAUSE)).reply
          : request === 'room:sync'
            ? await b.sync(0)
            : await b.client.request('room:delete', {});
      expect(reply).toEqual(errorReply('room_not_found'));
      // From then on it holds no seat at all, and cannot take one in the full new room.
      expect(await b.sync(0)).toEqual(errorReply('not_joined'));
      expect(await b.join({ afterSeq: 0 })).toEqual(errorReply('room_full'));

      // Nothing from it reached the new room: C's marker is the new room's first entry.
      const marker = await c.sendOk({ type: 'session_started' });
      expect(marker.seq).toBe(1);
      await a.received(marker.eventId);
      const newPushes = a.client.envelopes.filter((envelope) => envelope.eventId !== old.eventId);
      expect(newPushes.map((envelope) => envelope.eventId)).toEqual([marker.eventId]);
      const room = await server.store.getRoom(a.roomId);
      expect(room?.seats.map((seat) => seat?.memberId)).toEqual([a.memberId, c.memberId]);
      expect(room?.lastSeq).toBe(1);
      expect([...a.client.roomDeleted, ...c.client.roomDeleted]).toEqual([]);
      expect(b.client.envelopes.map((envelope) => envelope.eventId)).toEqual([old.eventId]);
    },
  );
});

describe('expiry', () => {
  it('forgets a room idle for longer than its time to live', async () => {
    const { server, a, b } = await harness.pair();
    await a.sendOk(PAUSE);
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

  it('does not accept events into a room that has already expired', async () => {
    // Every request treats an expired room as gone, not only a join: before the periodic sweep
    // runs, a connection that joined earlier must neither read the room nor revive it by sending.
    const { server, a, b } = await harness.pair();
    server.clock.advance(server.roomTtlMs + 1);

    const late = await a.send(PAUSE);
    expect(late.reply).toEqual(errorReply('room_not_found'));
    expect(await b.sync(0)).toEqual(errorReply('room_not_found'));
    expect(await server.store.getRoom(a.roomId)).toBeNull();
  });

  describe('the periodic sweep', () => {
    const SWEEP_MS = 60_000;

    afterEach(() => {
      vi.useRealTimers();
    });

    it('tells the phones of a room it removes, then lets them go; an active room is untouched', async () => {
      // Only the sweep's interval is faked; sockets and everything else run on real timers.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const server = await harness.server({ sweepIntervalMs: SWEEP_MS });
      const { a: idleA, b: idleB } = await harness.pairOn(server);
      const { a: busyA, b: busyB } = await harness.pairOn(server);

      server.clock.advance(server.roomTtlMs);
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
      const reply = await busyB.sendOk({ type: 'signal', kind: 'slow_down' });
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
  });
});
