import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETRY_MIN_MS } from '../../../client/src/room/backoff.ts';
import type { ConnectionListener, JoinPayload } from '../../../client/src/room/connection.ts';
import { RoomConnection } from '../../../client/src/room/connection.ts';
import { ErrorCode } from '../../../shared/errors.ts';
import type { Presence, StoredEnvelope } from '../../../shared/protocol.ts';
import { PROTOCOL_VERSION } from '../../../shared/protocol.ts';
import { deriveJoinKey, verifyJoinProof } from '../../../shared/crypto/join-proof.ts';
import {
  newEventId,
  newMemberId,
  newMemberSecret,
  newRoomId,
  newRoomSecret,
} from '../../support/ids.ts';
import { TestSocketPair } from '../../support/test-socket-pair.ts';

const PRESENCE: Presence = {
  seats: [
    { taken: true, online: true, push: false },
    { taken: true, online: true, push: false },
  ],
};

const envelope = (seq: number): StoredEnvelope => ({
  seq,
  eventId: newEventId(),
  seat: 1,
  ciphertext: `sealed${String(seq)}`,
  notify: false,
  storedAt: 1_700_000_000_000 + seq,
});

/** A connection over a test socket pair, recording every report it makes, in order. */
function connectionOnPair(afterSeq = 0) {
  const pair = new TestSocketPair();
  const reports: string[] = [];
  /** Every presence the connection handed on, from a push or a join reply, in order. */
  const presences: Presence[] = [];
  const payload: JoinPayload = {
    roomSecret: newRoomSecret(),
    roomId: newRoomId(),
    memberId: newMemberId(),
    memberSecret: newMemberSecret(),
    create: false,
    incarnation: null,
    afterSeq,
  };
  const listener: ConnectionListener = {
    joined: (joined) => {
      presences.push(joined.presence);
      reports.push(`joined seat ${String(joined.seat)} ${joined.incarnation}`);
    },
    refused: (refusal) => reports.push(`refused ${refusal}`),
    lost: () => reports.push('lost'),
    reachability: (unreachable) => reports.push(unreachable ? 'unreachable' : 'reachable'),
    envelope: (pushed) => reports.push(`envelope ${String(pushed.seq)}`),
    presence: (presence) => {
      presences.push(presence);
      reports.push('presence');
    },
    ended: (reason) => reports.push(`ended ${reason}`),
  };
  const connection = new RoomConnection({
    connect: pair.connect,
    joinPayload: () => payload,
    listener,
  });
  return { pair, reports, presences, payload, connection };
}

const joinedReply = (envelopes: StoredEnvelope[] = []) =>
  ({
    ok: true,
    seat: 1,
    incarnation: 'first',
    lastSeq: 0,
    presence: PRESENCE,
    envelopes,
    complete: true,
    pushKey: null,
  }) as const;

describe('RoomConnection', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins on connect with this build’s protocol version and the payload of the moment', async () => {
    const { pair, reports, payload, connection } = connectionOnPair(7);
    connection.start();
    expect(pair.socket.emitted).toEqual([]);
    pair.socket.open();
    const join = await pair.socket.next('room:join');
    const { roomSecret, ...fields } = payload;
    expect(join.payload).toEqual({
      protocol: PROTOCOL_VERSION,
      ...fields,
      proof: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown,
      joinVerifier: null,
    });
    // The proof answers this connection's nonce and holds for this room and member only.
    const { verifier } = await deriveJoinKey(roomSecret);
    const input = {
      nonce: pair.socket.nonces[0] ?? '',
      roomId: fields.roomId,
      memberId: fields.memberId,
    };
    expect(await verifyJoinProof(verifier, input, join.payload.proof)).toBe(true);
    expect(JSON.stringify(join.payload)).not.toContain(roomSecret);
    expect(connection.joined).toBe(false);
    join.answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    expect(reports).toEqual(['reachable', 'joined seat 1 first']);
  });

  it('sends no join before the connection’s nonce, and answers each connection’s own', async () => {
    const { pair, connection } = connectionOnPair();
    connection.start();
    pair.socket.open({ nonce: 'later' });
    // Nothing can be emitted before the nonce: the join has nothing to answer yet.
    expect(pair.socket.emitted).toEqual([]);
    pair.socket.sendNonce();
    const first = await pair.socket.next('room:join');
    pair.socket.drop();
    pair.socket.connect();
    pair.socket.open();
    const second = await pair.socket.next('room:join');
    expect(pair.socket.nonces).toHaveLength(2);
    expect(second.payload.proof).not.toBe(first.payload.proof);
    // A later nonce on the same connection (the server renews it after a failed join) starts
    // nothing: the phone retries on a fresh connection.
    pair.socket.sendNonce();
    second.answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    expect(pair.socket.pending('room:join')).toEqual([]);
    expect(pair.socket.emitted.filter((request) => request.name === 'room:join')).toHaveLength(2);
  });

  it('R1: a push that arrives before the join reply is passed on first, in arrival order', async () => {
    const { pair, reports, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    const join = await pair.socket.next('room:join');
    pair.socket.push('envelope', envelope(3));
    join.answer(joinedReply([envelope(1), envelope(2)]));
    await vi.waitUntil(() => connection.joined);
    expect(reports).toEqual(['reachable', 'envelope 3', 'joined seat 1 first']);
  });

  it('keeps the newest presence by the server’s turn: a join reply or push worked out earlier does not win', async () => {
    const { pair, presences, connection } = connectionOnPair();
    const partner = (online: boolean, turn: number): Presence => ({
      seats: [
        { taken: true, online: true, push: false },
        { taken: true, online, push: false },
      ],
      turn,
    });
    connection.start();
    pair.socket.open();
    const join = await pair.socket.next('room:join');
    // The partner's join was worked out after this phone's reply, and overtook it.
    pair.socket.push('presence', partner(true, 8));
    join.answer({ ...joinedReply(), presence: partner(false, 7) });
    await vi.waitUntil(() => connection.joined);
    pair.socket.push('presence', partner(false, 6));
    pair.socket.push('presence', partner(false, 9));
    // The turn orders the wire only: the phone's presence carries none.
    const online = (presence: Presence) => presence.seats[1].online;
    expect(presences.map(online)).toEqual([true, true, false]);
    expect(presences.every((presence) => presence.turn === undefined)).toBe(true);
  });

  it('drops pushes that break the contract', () => {
    const { pair, reports, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    pair.socket.pushRaw('envelope', { seq: 'x' });
    pair.socket.pushRaw('presence', {});
    expect(reports).toEqual(['reachable']);
  });

  it.each([
    ErrorCode.roomFull,
    ErrorCode.roomNotFound,
    ErrorCode.unauthorized,
    ErrorCode.protocolMismatch,
  ])(
    'a join refused with %s is final: reported once, the socket closed, no retry',
    async (code) => {
      const { pair, reports, connection } = connectionOnPair();
      connection.start();
      pair.socket.open();
      (await pair.socket.next('room:join')).answer({ ok: false, error: { code } });
      await vi.waitUntil(() => reports.includes(`refused ${code}`));
      expect(pair.socket.wanted).toBe(false);
      connection.start();
      expect(pair.sockets).toHaveLength(1);
      expect(connection.joined).toBe(false);
    },
  );

  it.each([
    ['storage_unavailable', ErrorCode.storageUnavailable],
    ['internal', ErrorCode.internal],
    ['already_joined', ErrorCode.alreadyJoined],
  ])(
    'a join failed with %s is retried on a fresh connection after the backoff',
    async (_, code) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { pair, reports, connection } = connectionOnPair();
      connection.start();
      const socket = pair.socket;
      socket.open();
      (await socket.next('room:join')).answer({ ok: false, error: { code } });
      await vi.waitUntil(() => !socket.wanted);
      expect(socket.connectCalls).toBe(1);
      vi.advanceTimersByTime(RETRY_MIN_MS);
      expect(socket.wanted).toBe(true);
      socket.open();
      (await socket.next('room:join')).answer(joinedReply());
      await vi.waitUntil(() => connection.joined);
      expect(reports.filter((report) => report.startsWith('joined'))).toHaveLength(1);
      expect(pair.sockets).toHaveLength(1);
    },
  );

  it('an unanswered join is retried the same way', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pair, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    (await pair.socket.next('room:join')).timeOut();
    await vi.waitUntil(() => !pair.socket.wanted);
    vi.advanceTimersByTime(RETRY_MIN_MS);
    pair.socket.open();
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
  });

  it('a join left unanswered by a dropped connection does not count; the next connection joins', async () => {
    const { pair, reports, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    const stale = await pair.socket.next('room:join');
    pair.socket.drop();
    pair.socket.open();
    const fresh = await pair.socket.next('room:join');
    expect(stale.settled).toBe(true);
    fresh.answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    expect(reports).toEqual(['reachable', 'reachable', 'joined seat 1 first']);
  });

  it('requests wait for the seat: before the join they are unanswered at once and never emitted', async () => {
    const { pair, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    expect(await connection.request('room:sync', { afterSeq: 0 })).toEqual({
      ok: false,
      timeout: true,
    });
    expect(pair.socket.pending('room:sync')).toEqual([]);
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    const reply = connection.request('room:sync', { afterSeq: 0 });
    (await pair.socket.next('room:sync')).answer({ ok: true, envelopes: [], complete: true });
    expect(await reply).toEqual({ ok: true, envelopes: [], complete: true });
  });

  it('a dropped seat is reported as lost, and the next connection joins again', async () => {
    const { pair, reports, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    pair.socket.drop();
    expect(connection.joined).toBe(false);
    pair.socket.open();
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    expect(reports).toEqual([
      'reachable',
      'joined seat 1 first',
      'lost',
      'reachable',
      'joined seat 1 first',
    ]);
  });

  it('rejoin() (the server said not_joined) joins again on a fresh connection', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pair, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    connection.rejoin();
    expect(connection.joined).toBe(false);
    expect(pair.socket.connected).toBe(false);
    vi.advanceTimersByTime(RETRY_MIN_MS);
    pair.socket.open();
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
  });

  it('a connection the server closed is made again (socket.io would not by itself)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pair, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    pair.socket.drop('io server disconnect');
    vi.advanceTimersByTime(RETRY_MIN_MS);
    expect(pair.socket.wanted).toBe(true);
  });

  it('room:deleted is reported with its reason; stop() silences the socket', async () => {
    const { pair, reports, connection } = connectionOnPair();
    connection.start();
    pair.socket.open();
    (await pair.socket.next('room:join')).answer(joinedReply());
    await vi.waitUntil(() => connection.joined);
    pair.socket.push('room:deleted', { reason: 'max_age' });
    expect(reports.at(-1)).toBe('ended max_age');
    connection.stop();
    expect(pair.socket.wanted).toBe(false);
    expect(connection.joined).toBe(false);
  });
});
