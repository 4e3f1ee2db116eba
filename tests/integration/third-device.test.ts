import { describe, expect, it } from 'vitest';
import { deriveRoomKeys, newRoomSecret, sealEvent } from '../../shared/crypto/codec.ts';
import type { RequestOf } from '../../shared/protocol.ts';
import { joinRequest } from '../../client/src/room/join-request.ts';
import type { JoinPayload } from '../../client/src/room/join-request.ts';
import type { Client } from './support/client.ts';
import { errorReply, expectOk, nonceOf, rawRequest } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { newEventId, newMemberId, newMemberSecret } from '../support/ids.ts';

const harness = useHarness();

/** A join as the real phone makes it, with a valid proof for `client`'s connection. */
const joinOn = async (
  client: Client,
  fields: Omit<JoinPayload, 'incarnation' | 'afterSeq'>,
): Promise<RequestOf<'room:join'>> =>
  joinRequest({ ...fields, incarnation: null, afterSeq: 0 }, await nonceOf(client.socket));
const PAUSE = { type: 'signal', kind: 'pause' } as const;

describe('a room holds exactly two devices', () => {
  it('refuses a third device, which then receives nothing and may do nothing', async () => {
    const { server, a, b } = await harness.pair();
    const storeBefore = server.store.dumpForTests();
    const presenceBefore = a.client.presence.length;

    const c = await harness.invitee(a);
    await c.connect();
    expect(await c.join()).toEqual(errorReply('room_full'));
    // A refused device changes no seat and announces no presence.
    expect(server.store.dumpForTests()).toBe(storeBefore);

    // A marker after the refusal: B gets it; C, asked afterwards, has had nothing on its socket.
    const marker = await a.sendOk({ type: 'session_started' });
    await b.received(marker.eventId);

    // C cannot take a seat, but it may still try to send a well-formed, correctly sealed envelope.
    const eventId = newEventId();
    const send = await c.client.request('envelope:send', {
      eventId,
      ciphertext: await sealEvent(c.keys, { roomId: c.roomId, eventId, seat: 1 }, PAUSE),
      notify: true,
    });
    expect(send).toEqual(errorReply('not_joined'));
    expect(await c.client.request('room:sync', { afterSeq: 0 })).toEqual(errorReply('not_joined'));
    expect(await c.client.request('room:delete', {})).toEqual(errorReply('not_joined'));

    expect(c.client.envelopes).toEqual([]);
    expect(c.client.presence).toEqual([]);
    expect(c.client.roomDeleted).toEqual([]);
    expect(c.held.size).toBe(0);

    // The partners are untouched: the room still has its log and both seats.
    const room = await server.store.getRoom(a.roomId);
    expect(room?.seats.map((seat) => seat?.memberId)).toEqual([a.memberId, b.memberId]);
    expect(room?.lastSeq).toBe(marker.seq);
    expect(a.client.presence.slice(presenceBefore)).toEqual([]);
  });

  it('refuses a known member id with the wrong secret', async () => {
    const { server, a, b } = await harness.pair();
    const storeBefore = server.store.dumpForTests();

    // It even holds the room secret (so its join proof is valid): the member secret still counts.
    const impostor = await harness.client(server);
    const reply = await impostor.request(
      'room:join',
      await joinOn(impostor, {
        roomSecret: a.roomSecret,
        roomId: a.roomId,
        memberId: b.memberId,
        memberSecret: newMemberSecret(),
        create: false,
      }),
    );
    expect(reply).toEqual(errorReply('unauthorized'));
    expect(server.store.dumpForTests()).toBe(storeBefore);
    expect(await impostor.request('room:sync', { afterSeq: 0 })).toEqual(errorReply('not_joined'));

    // Claiming to be the creator with `create: true` does not help either.
    const creatorImpostor = await harness.client(server);
    const again = await creatorImpostor.request(
      'room:join',
      await joinOn(creatorImpostor, {
        roomSecret: a.roomSecret,
        roomId: a.roomId,
        memberId: a.memberId,
        memberSecret: newMemberSecret(),
        create: true,
      }),
    );
    expect(again).toEqual(errorReply('unauthorized'));
    expect(server.store.dumpForTests()).toBe(storeBefore);
  });

  it('answers room_not_found for a room that does not exist, and creates nothing', async () => {
    const server = await harness.server();
    const client = await harness.client(server);
    const roomSecret = newRoomSecret();
    const { roomId } = await deriveRoomKeys(roomSecret);

    const reply = await client.request(
      'room:join',
      await joinOn(client, {
        roomSecret,
        roomId,
        memberId: newMemberId(),
        memberSecret: newMemberSecret(),
        create: false,
      }),
    );
    expect(reply).toEqual(errorReply('room_not_found'));
    expect(await server.store.getRoom(roomId)).toBeNull();
    expect(server.store.dumpForTests()).toBe('[]');
    expect(await client.request('room:sync', { afterSeq: 0 })).toEqual(errorReply('not_joined'));
  });

  it('answers already_joined to a second join on the same socket', async () => {
    const { server, a } = await harness.pair();
    const storeBefore = server.store.dumpForTests();

    const sameRoom = await a.join();
    expect(sameRoom).toEqual(errorReply('already_joined'));

    // Nor can the socket hop into another room, even one it would create.
    const roomSecret = newRoomSecret();
    const { roomId } = await deriveRoomKeys(roomSecret);
    const otherRoom = await rawRequest(
      a.socket,
      'room:join',
      await joinOn(a.client, {
        roomSecret,
        roomId,
        memberId: newMemberId(),
        memberSecret: newMemberSecret(),
        create: true,
      }),
    );
    expect(otherRoom).toEqual(errorReply('already_joined'));
    expect(server.store.dumpForTests()).toBe(storeBefore);

    // The socket keeps its seat.
    expect(a.seat).toBe(0);
    expectOk(await a.sync(0));
    const sent = await a.sendOk({ type: 'session_started' });
    expect((await a.received(sent.eventId)).seat).toBe(0);
  });
});
