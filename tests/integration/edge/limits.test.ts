import { describe, expect, it } from 'vitest';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';
import { ErrorCode } from '../../../shared/errors.ts';
import { joinRequest } from '../../../client/src/room/join-request.ts';
import { newMemberId, newMemberSecret } from '../../support/ids.ts';
import type { ClientSocket } from '../support/client.ts';
import { errorReply, expectOk, nonceOf, waitForDisconnect } from '../support/client.ts';
import { useHarness } from '../support/harness.ts';
import type { Partner } from '../support/partner.ts';
import { STRICT_EDGE, withLimits } from './support.ts';

const harness = useHarness();

/** Emits `count` events at once and collects the acknowledgements that come before the close. */
function flood(
  socket: ClientSocket,
  count: number,
  args: () => unknown[],
  event = 'envelope:send',
) {
  const replies: unknown[] = [];
  const untyped = socket as unknown as {
    emit(event: string, ...args: unknown[]): void;
  };
  for (let i = 0; i < count; i += 1) {
    untyped.emit(event, ...args(), (reply: unknown) => {
      replies.push(reply);
    });
  }
  return replies;
}

const codeOf = (reply: unknown): string | null =>
  (reply as { ok: boolean; error?: { code: string } }).ok
    ? null
    : (reply as { error: { code: string } }).error.code;

/** A join with a real proof, as a phone makes it, of a room made just now (or none, `create` off). */
async function joinNew(socket: ClientSocket, create = true) {
  const roomSecret = newRoomSecret();
  const { roomId } = await deriveRoomKeys(roomSecret);
  const join = await joinRequest(
    {
      roomSecret,
      roomId,
      memberId: newMemberId(),
      memberSecret: newMemberSecret(),
      create,
      incarnation: null,
      afterSeq: 0,
    },
    await nonceOf(socket),
  );
  return (
    socket as unknown as {
      timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> };
    }
  )
    .timeout(5000)
    .emitWithAck('room:join', join);
}

describe('per-connection event rate', () => {
  const limits = withLimits({ eventsPerSecond: 5, eventBurst: 10 });

  it('answers a flood of valid sends rate_limited, stores only what it admitted, then closes', async () => {
    const { server, a } = await harness.pair({ edge: limits });
    const envelopes = await Promise.all(
      Array.from({ length: 400 }, () => a.seal({ type: 'signal', kind: 'pause' })),
    );
    let next = 0;
    const closed = waitForDisconnect(a.socket);
    const replies = flood(a.socket, envelopes.length, () => [envelopes[next++]]);
    expect(await closed).toBe('io server disconnect');
    const ok = replies.filter((reply) => codeOf(reply) === null);
    const limited = replies.filter((reply) => codeOf(reply) === ErrorCode.rateLimited);
    expect(limited.length).toBeGreaterThan(0);
    expect(ok.length + limited.length).toBe(replies.length);
    expect(replies.length).toBeLessThan(envelopes.length);
    // Every admitted send is in the log, and nothing else.
    const room = await server.store.getRoom(a.roomId);
    expect(room?.lastSeq).toBe(ok.length);
  });

  it('limits a flood of invalid and unknown events before validation, changing nothing', async () => {
    const { server, a } = await harness.pair({ edge: limits });
    const before = server.store.dumpForTests();
    const closed = waitForDisconnect(a.socket);
    const invalid = flood(a.socket, 150, () => [{ nonsense: true }]);
    const unknown = flood(a.socket, 150, () => ['x'.repeat(1000)], 'no:such:event');
    expect(await closed).toBe('io server disconnect');
    const codes = new Set([...invalid, ...unknown].map(codeOf));
    expect(codes.has(ErrorCode.rateLimited)).toBe(true);
    for (const code of codes) {
      expect([ErrorCode.rateLimited, ErrorCode.invalidPayload, ErrorCode.unknownEvent]).toContain(
        code,
      );
    }
    expect(server.store.dumpForTests()).toBe(before);
  });

  it('RATE_LIMITS=off answers every event of a flood', async () => {
    const { server, a } = await harness.pair({ edge: { ...STRICT_EDGE, limits: null } });
    const envelopes = await Promise.all(
      Array.from({ length: 200 }, () => a.seal({ type: 'signal', kind: 'pause' })),
    );
    const replies = await Promise.all(
      envelopes.map((envelope) => a.client.request('envelope:send', envelope)),
    );
    expect(replies.every((reply) => reply.ok)).toBe(true);
    expect(a.client.connected).toBe(true);
    expect((await server.store.getRoom(a.roomId))?.lastSeq).toBe(200);
  });
});

describe('room creation per address', () => {
  it('refuses the join that would make one room too many, and counts no plain join', async () => {
    const server = await harness.server({ edge: withLimits({ roomsPerAddressPerMinute: 2 }) });
    const made: unknown[] = [];
    for (let i = 0; i < 2; i += 1) {
      made.push(await joinNew((await harness.client(server)).socket));
    }
    expect(made.every((reply) => codeOf(reply) === null)).toBe(true);
    const before = server.store.dumpForTests();
    expect(await joinNew((await harness.client(server)).socket)).toEqual(
      errorReply(ErrorCode.rateLimited),
    );
    expect(server.store.dumpForTests()).toBe(before);
    expect(await server.store.countRooms()).toBe(2);
  });

  it('lets the creating phone send create again to its own room (a retry makes no room)', async () => {
    const server = await harness.server({ edge: withLimits({ roomsPerAddressPerMinute: 1 }) });
    const a: Partner = await harness.starter(server);
    await a.enter({ create: true });
    await a.connect();
    expectOk(await a.join({ create: true }));
    const b = await harness.invitee(a);
    await b.enter({ create: true });
    expect(await server.store.countRooms()).toBe(1);
  });
});

describe('caps on rooms and events', () => {
  it('refuses the event past EVENTS_PER_ROOM with room_log_full', async () => {
    const { server, a } = await harness.pair({ edge: withLimits({ eventsPerRoom: 3 }) });
    for (let i = 0; i < 3; i += 1) await a.sendOk({ type: 'session_started' });
    const before = server.store.dumpForTests();
    const envelope = await a.seal({ type: 'session_started' });
    expect(await a.client.request('envelope:send', envelope)).toEqual(
      errorReply(ErrorCode.roomLogFull),
    );
    expect(server.store.dumpForTests()).toBe(before);
  });

  it('refuses to make a room past ROOMS_PER_PROCESS with too_many_rooms', async () => {
    const server = await harness.server({ edge: withLimits({ roomsPerProcess: 1 }) });
    expect(codeOf(await joinNew((await harness.client(server)).socket))).toBe(null);
    expect(await joinNew((await harness.client(server)).socket)).toEqual(
      errorReply(ErrorCode.tooManyRooms),
    );
    expect(await server.store.countRooms()).toBe(1);
  });

  it('RATE_LIMITS=off lifts the caps on rooms', async () => {
    const server = await harness.server({ edge: { ...STRICT_EDGE, limits: null } });
    for (let i = 0; i < 12; i += 1) {
      expect(codeOf(await joinNew((await harness.client(server)).socket))).toBe(null);
    }
  });
});
