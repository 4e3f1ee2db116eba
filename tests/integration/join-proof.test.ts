import { describe, expect, it } from 'vitest';
import { randomBase64url } from '../../shared/crypto/base64url.ts';
import { newRoomSecret } from '../../shared/crypto/codec.ts';
import { deriveJoinKey, proveJoin } from '../../shared/crypto/join-proof.ts';
import type { RequestOf } from '../../shared/protocol.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import type { Client } from './support/client.ts';
import { errorReply, expectOk, nonceOf } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';
import type { TestServer } from './support/server.ts';
import { STORE_KINDS } from './support/stores.ts';
import { newMemberId, newMemberSecret } from '../support/ids.ts';

/**
 * Knowing a room's id is not enough to sit in it: every join answers its connection's nonce with
 * a proof that the phone holds the room secret. Everything here goes through a real server on
 * port 0 and real socket.io clients.
 */

type Join = RequestOf<'room:join'>;

/** A join for `roomId` as a device that knows only the room id would have to make it up. */
const guessedJoin = (roomId: string, fields: Partial<Join> = {}): Join => ({
  protocol: PROTOCOL_VERSION,
  roomId,
  memberId: newMemberId(),
  memberSecret: newMemberSecret(),
  create: false,
  incarnation: null,
  afterSeq: 0,
  proof: randomBase64url(32),
  joinVerifier: null,
  ...fields,
});

describe.each(STORE_KINDS)('join proofs, on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  /** A room with A alone in it (seat 1 free), on a server whose log lines are kept. */
  async function halfRoom(): Promise<{ server: TestServer; a: Partner }> {
    const server = await harness.server({ captureLogs: true });
    const a = await harness.starter(server);
    await a.enter({ create: true });
    return { server, a };
  }

  /** Refused lines, and proof that none of them carries the proof or the room id. */
  function expectRefusalsLogged(server: TestServer, proofs: readonly string[], roomId: string) {
    const refused = server.logLines.filter((line) => line.includes('seat refused'));
    expect(refused.length).toBeGreaterThan(0);
    for (const line of refused) {
      expect(JSON.parse(line)).toMatchObject({ level: 'warn', reason: 'unauthorized' });
    }
    const all = server.logLines.join('\n');
    for (const proof of proofs) expect(all).not.toContain(proof);
    expect(all).not.toContain(roomId);
  }

  it('sends every connection a nonce of its own', async () => {
    const server = await harness.server();
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i += 1) nonces.add(await nonceOf((await harness.client(server)).socket));
    expect(nonces.size).toBe(5);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a device that knows only the room id, whatever it makes up, and changes nothing', async () => {
    const { server, a } = await halfRoom();
    const storeBefore = server.store.dumpForTests();
    const presenceBefore = a.client.presence.length;
    const otherKey = await deriveJoinKey(newRoomSecret());
    const attempts: [string, (client: Client) => Promise<Join>][] = [
      ['a random proof', () => Promise.resolve(guessedJoin(a.roomId))],
      [
        'a proof under a key of its own',
        async (client) => {
          const memberId = newMemberId();
          const input = { nonce: await nonceOf(client.socket), roomId: a.roomId, memberId };
          return guessedJoin(a.roomId, { memberId, proof: await proveJoin(otherKey, input) });
        },
      ],
      [
        'a create bringing a verifier of its own, with a proof valid for it',
        async (client) => {
          const memberId = newMemberId();
          const input = { nonce: await nonceOf(client.socket), roomId: a.roomId, memberId };
          return guessedJoin(a.roomId, {
            memberId,
            create: true,
            joinVerifier: otherKey.verifier,
            proof: await proveJoin(otherKey, input),
          });
        },
      ],
      [
        "A's own member id and secret (stolen), without the room secret",
        () =>
          Promise.resolve(
            guessedJoin(a.roomId, { memberId: a.memberId, memberSecret: a.memberSecret }),
          ),
      ],
    ];
    const proofs: string[] = [];
    for (const [, make] of attempts) {
      const stranger = await harness.client(server);
      const join = await make(stranger);
      proofs.push(join.proof);
      expect(await stranger.request('room:join', join)).toEqual(errorReply('unauthorized'));
      // Nothing taken, nothing stored, nothing announced; the stranger stays seatless.
      expect(server.store.dumpForTests()).toBe(storeBefore);
      expect(await stranger.request('room:sync', { afterSeq: 0 })).toEqual(
        errorReply('not_joined'),
      );
    }
    expectRefusalsLogged(server, proofs, a.roomId);

    // The free seat is still free: the partner with the invite takes it.
    const b = await harness.invitee(a);
    expect((await b.enter()).seat).toBe(1);
    await a.client.until(() => a.client.presence.length > presenceBefore, 'B announced');
  });

  it('refuses a proof replayed from another connection, and its own connection still joins', async () => {
    const { server, a } = await halfRoom();
    const b = await harness.invitee(a);
    await b.connect();
    const genuine = await b.joinRequest();
    const storeBefore = server.store.dumpForTests();

    // Someone who saw B's join sends it, word for word, on a connection of their own.
    const eavesdropper = await harness.client(server);
    expect(await eavesdropper.request('room:join', genuine)).toEqual(errorReply('unauthorized'));
    expect(server.store.dumpForTests()).toBe(storeBefore);
    expectRefusalsLogged(server, [genuine.proof], a.roomId);

    // On its own connection the same join is good.
    expect(expectOk(await b.client.request('room:join', genuine)).seat).toBe(1);
  });

  it('takes a nonce for one join only: a refused join spends it, and the server sends another', async () => {
    const { server, a } = await halfRoom();
    const b = await harness.invitee(a);
    await b.connect();
    // A first try that is refused (it names A's seat): the connection's nonce is spent on it.
    const first = await nonceOf(b.socket);
    const spent = await b.joinRequest();
    expect(await b.client.request('room:join', { ...spent, memberId: a.memberId })).toEqual(
      errorReply('unauthorized'),
    );
    const storeBefore = server.store.dumpForTests();
    // The valid proof for the spent nonce no longer counts, not even on its own connection.
    expect(await b.client.request('room:join', spent)).toEqual(errorReply('unauthorized'));
    expect(server.store.dumpForTests()).toBe(storeBefore);
    // Each refusal came with a fresh nonce, before its reply: answering it, B sits down.
    expect(await nonceOf(b.socket)).not.toBe(first);
    expect(expectOk(await b.join()).seat).toBe(1);
  });

  it('asks a returning device for a proof too, and a third device learns only that it is full', async () => {
    const { server, a } = await halfRoom();
    const b = await harness.invitee(a);
    await b.enter();
    await a.disconnect();
    await a.connect();
    const storeBefore = server.store.dumpForTests();
    // A's own credential with a proof for another nonce: refused.
    const stale = await a.joinRequest();
    expect(await a.client.request('room:join', { ...stale, proof: randomBase64url(32) })).toEqual(
      errorReply('unauthorized'),
    );
    expect(server.store.dumpForTests()).toBe(storeBefore);
    expect((await a.enter()).seat).toBe(0);

    // A third device with the invite: a valid proof, a full room.
    const c = await harness.invitee(a);
    await c.connect();
    expect(await c.join()).toEqual(errorReply('room_full'));
    // A third device without it does not even learn that.
    const stranger = await harness.client(server);
    expect(await stranger.request('room:join', guessedJoin(a.roomId))).toEqual(
      errorReply('unauthorized'),
    );
  });
});
