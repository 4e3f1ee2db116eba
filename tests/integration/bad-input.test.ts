import { describe, expect, it } from 'vitest';
import { deriveRoomKeys, newRoomSecret } from '../../shared/crypto/codec.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { OutgoingEnvelope, RequestName, RequestOf } from '../../shared/protocol.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { joinRequest } from '../../client/src/room/join-request.ts';
import type { Client } from './support/client.ts';
import {
  errorReply,
  expectOk,
  nonceOf,
  rawEmit,
  rawRequest,
  waitFor,
  waitForDisconnect,
} from './support/client.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';
import { newMemberId, newMemberSecret } from '../support/ids.ts';
import type { TestServer } from './support/server.ts';

const harness = useHarness();

interface Scene {
  readonly server: TestServer;
  /** Joined in seat 0: sends the bad sync, send and delete requests. */
  readonly a: Partner;
  /** Joined in seat 1: must see nothing of them. */
  readonly b: Partner;
  /** Connected but not joined: sends the bad joins. */
  readonly stranger: Client;
  /** A join that, if it were accepted, would create a new room. */
  readonly join: RequestOf<'room:join'>;
  /** A sealed envelope that, if it were accepted, would be appended and relayed. */
  readonly envelope: OutgoingEnvelope;
}

async function scene(): Promise<Scene> {
  const { server, a, b } = await harness.pair();
  const stranger = await harness.client(server);
  const roomSecret = newRoomSecret();
  const { roomId } = await deriveRoomKeys(roomSecret);
  const payload = {
    roomSecret,
    roomId,
    memberId: newMemberId(),
    memberSecret: newMemberSecret(),
    create: true,
    incarnation: null,
    afterSeq: 0,
  };
  // A refused malformed join leaves the connection's nonce unused: this join still answers it.
  const join = await joinRequest(payload, await nonceOf(stranger.socket));
  return {
    server,
    a,
    b,
    stranger,
    join,
    envelope: await a.seal({ type: 'signal', kind: 'pause' }),
  };
}

/**
 * Proves a request changed nothing: the store is byte-for-byte as before, and B, after receiving
 * a marker that A sent afterwards, has been pushed the marker and nothing else.
 */
async function expectNoEffect(s: Scene, storeBefore: string): Promise<void> {
  expect(s.server.store.dumpForTests()).toBe(storeBefore);
  const envelopesBefore = s.b.client.envelopes.length;
  const presenceBefore = s.b.client.presence.length;
  const marker = await s.a.sendOk({ type: 'session_started' });
  await s.b.received(marker.eventId);
  expect(s.b.client.envelopes.slice(envelopesBefore).map((e) => e.eventId)).toEqual([
    marker.eventId,
  ]);
  expect(s.b.client.presence.slice(presenceBefore)).toEqual([]);
  expect(s.b.client.roomDeleted).toEqual([]);
  expect(s.a.client.roomDeleted).toEqual([]);
}

const omit = <T extends object>(value: T, key: keyof T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as Partial<T>;

interface Row {
  readonly label: string;
  readonly event: RequestName;
  /** Everything emitted before the acknowledgement callback. */
  readonly args: (s: Scene) => unknown[];
}

const id22 = 'A'.repeat(22);
const notObjects: [string, unknown][] = [
  ['a string', 'hello'],
  ['a number', 42],
  ['null', null],
  ['an array', []],
  ['a boolean', true],
];

const joinRows: Row[] = [
  ...notObjects.map(([label, value]): Row => ({ label, event: 'room:join', args: () => [value] })),
  { label: 'the payload in an array', event: 'room:join', args: (s) => [[s.join]] },
  ...(['roomId', 'memberId', 'memberSecret', 'create', 'afterSeq'] as const).map((key): Row => ({
    label: `missing ${key}`,
    event: 'room:join',
    args: (s) => [omit(s.join, key)],
  })),
  { label: 'an extra seat field', event: 'room:join', args: (s) => [{ ...s.join, seat: 1 }] },
  {
    label: 'an extra unknown field',
    event: 'room:join',
    args: (s) => [{ ...s.join, admin: true }],
  },
  { label: 'a numeric roomId', event: 'room:join', args: (s) => [{ ...s.join, roomId: 1234 }] },
  {
    label: 'a roomId one char short',
    event: 'room:join',
    args: (s) => [{ ...s.join, roomId: s.join.roomId.slice(1) }],
  },
  {
    label: 'a roomId one char long',
    event: 'room:join',
    args: (s) => [{ ...s.join, roomId: `${s.join.roomId}A` }],
  },
  {
    label: 'a roomId with a base64 "+"',
    event: 'room:join',
    args: (s) => [{ ...s.join, roomId: `+${s.join.roomId.slice(1)}` }],
  },
  {
    label: 'a roomId with padding',
    event: 'room:join',
    args: (s) => [{ ...s.join, roomId: `${s.join.roomId.slice(2)}==` }],
  },
  {
    label: 'a roomId with a non-ASCII letter',
    event: 'room:join',
    args: (s) => [{ ...s.join, roomId: `é${s.join.roomId.slice(1)}` }],
  },
  {
    label: 'a roomId as binary',
    event: 'room:join',
    args: (s) => [{ ...s.join, roomId: Buffer.from(s.join.roomId) }],
  },
  {
    label: 'a memberId with a "/"',
    event: 'room:join',
    args: (s) => [{ ...s.join, memberId: `/${s.join.memberId.slice(1)}` }],
  },
  {
    label: 'a memberId with a path',
    event: 'room:join',
    args: (s) => [{ ...s.join, memberId: '../../../../etc/passwd' }],
  },
  {
    label: 'a memberSecret one char short',
    event: 'room:join',
    args: (s) => [{ ...s.join, memberSecret: s.join.memberSecret.slice(1) }],
  },
  {
    label: 'an empty memberSecret',
    event: 'room:join',
    args: (s) => [{ ...s.join, memberSecret: '' }],
  },
  {
    label: 'a numeric memberSecret',
    event: 'room:join',
    args: (s) => [{ ...s.join, memberSecret: 7 }],
  },
  { label: 'create as a string', event: 'room:join', args: (s) => [{ ...s.join, create: 'true' }] },
  { label: 'create as a number', event: 'room:join', args: (s) => [{ ...s.join, create: 1 }] },
  { label: 'create as null', event: 'room:join', args: (s) => [{ ...s.join, create: null }] },
  { label: 'a negative afterSeq', event: 'room:join', args: (s) => [{ ...s.join, afterSeq: -1 }] },
  {
    label: 'a fractional afterSeq',
    event: 'room:join',
    args: (s) => [{ ...s.join, afterSeq: 0.5 }],
  },
  {
    label: 'afterSeq as a string',
    event: 'room:join',
    args: (s) => [{ ...s.join, afterSeq: '0' }],
  },
  {
    label: 'an unsafe afterSeq',
    event: 'room:join',
    args: (s) => [{ ...s.join, afterSeq: Number.MAX_SAFE_INTEGER + 1 }],
  },
  { label: 'no proof', event: 'room:join', args: (s) => [omit(s.join, 'proof')] },
  { label: 'a null proof', event: 'room:join', args: (s) => [{ ...s.join, proof: null }] },
  {
    label: 'a short proof',
    event: 'room:join',
    args: (s) => [{ ...s.join, proof: s.join.proof.slice(1) }],
  },
  { label: 'no join verifier', event: 'room:join', args: (s) => [omit(s.join, 'joinVerifier')] },
  {
    label: 'create without a join verifier',
    event: 'room:join',
    args: (s) => [{ ...s.join, joinVerifier: null }],
  },
  {
    label: 'a join verifier without create',
    event: 'room:join',
    args: (s) => [{ ...s.join, create: false }],
  },
  {
    label: 'a join verifier of the wrong length',
    event: 'room:join',
    args: (s) => [{ ...s.join, joinVerifier: `${s.join.joinVerifier ?? ''}A` }],
  },
  { label: 'no payload', event: 'room:join', args: () => [] },
  { label: 'two payload args', event: 'room:join', args: (s) => [s.join, s.join] },
  { label: 'a payload and an extra arg', event: 'room:join', args: (s) => [s.join, 'extra'] },
];

const syncRows: Row[] = [
  ...notObjects.map(([label, value]): Row => ({ label, event: 'room:sync', args: () => [value] })),
  { label: 'an empty object', event: 'room:sync', args: () => [{}] },
  { label: 'a misspelt field', event: 'room:sync', args: () => [{ after: 0 }] },
  { label: 'an extra field', event: 'room:sync', args: () => [{ afterSeq: 0, limit: 5000 }] },
  {
    label: 'an own __proto__ field',
    event: 'room:sync',
    args: () => [JSON.parse('{"afterSeq":0,"__proto__":{"afterSeq":-1}}') as unknown],
  },
  { label: 'a negative afterSeq', event: 'room:sync', args: () => [{ afterSeq: -1 }] },
  { label: 'a fractional afterSeq', event: 'room:sync', args: () => [{ afterSeq: 1.5 }] },
  { label: 'afterSeq as a string', event: 'room:sync', args: () => [{ afterSeq: '0' }] },
  { label: 'afterSeq as null', event: 'room:sync', args: () => [{ afterSeq: null }] },
  { label: 'an unsafe afterSeq', event: 'room:sync', args: () => [{ afterSeq: 2 ** 60 }] },
  { label: 'no payload', event: 'room:sync', args: () => [] },
  { label: 'two payload args', event: 'room:sync', args: () => [{ afterSeq: 0 }, { afterSeq: 0 }] },
];

const withCiphertext = (s: Scene, ciphertext: unknown) => [{ ...s.envelope, ciphertext }];
const sendRows: Row[] = [
  ...notObjects.map(([label, value]): Row => ({
    label,
    event: 'envelope:send',
    args: () => [value],
  })),
  ...(['eventId', 'ciphertext', 'notify'] as const).map((key): Row => ({
    label: `missing ${key}`,
    event: 'envelope:send',
    args: (s) => [omit(s.envelope, key)],
  })),
  { label: 'a forged seat', event: 'envelope:send', args: (s) => [{ ...s.envelope, seat: 1 }] },
  { label: 'a forged seq', event: 'envelope:send', args: (s) => [{ ...s.envelope, seq: 1 }] },
  {
    label: 'a forged storedAt',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, storedAt: 0 }],
  },
  {
    label: 'a numeric eventId',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, eventId: 5 }],
  },
  {
    label: 'an eventId one char short',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, eventId: id22.slice(1) }],
  },
  {
    label: 'an eventId one char long',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, eventId: `${id22}A` }],
  },
  {
    label: 'an eventId with a "."',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, eventId: `.${id22.slice(1)}` }],
  },
  { label: 'an empty ciphertext', event: 'envelope:send', args: (s) => withCiphertext(s, '') },
  ...['+', '/', '=', ' ', '.', '\n', 'é', '\u0000'].map((char): Row => ({
    label: `a ciphertext containing ${JSON.stringify(char)}`,
    event: 'envelope:send',
    args: (s) => withCiphertext(s, `${s.envelope.ciphertext.slice(0, 40)}${char}AAAA`),
  })),
  {
    label: 'a ciphertext one char over the limit',
    event: 'envelope:send',
    args: (s) => withCiphertext(s, 'A'.repeat(LIMITS.maxCiphertextChars + 1)),
  },
  { label: 'a numeric ciphertext', event: 'envelope:send', args: (s) => withCiphertext(s, 12345) },
  {
    label: 'a binary ciphertext',
    event: 'envelope:send',
    args: (s) => withCiphertext(s, Buffer.from(s.envelope.ciphertext)),
  },
  {
    label: 'notify as a string',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, notify: 'true' }],
  },
  {
    label: 'notify as a number',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, notify: 1 }],
  },
  {
    label: 'notify as null',
    event: 'envelope:send',
    args: (s) => [{ ...s.envelope, notify: null }],
  },
  { label: 'no payload', event: 'envelope:send', args: () => [] },
  { label: 'two payload args', event: 'envelope:send', args: (s) => [s.envelope, s.envelope] },
];

const deleteRows: Row[] = [
  ...notObjects.map(([label, value]): Row => ({
    label,
    event: 'room:delete',
    args: () => [value],
  })),
  { label: 'a roomId field', event: 'room:delete', args: (s) => [{ roomId: s.a.roomId }] },
  { label: 'an unknown field', event: 'room:delete', args: () => [{ force: true }] },
  { label: 'no payload', event: 'room:delete', args: () => [] },
  { label: 'two payload args', event: 'room:delete', args: () => [{}, {}] },
];

const keepRows: Row[] = [
  ...notObjects.map(([label, value]): Row => ({ label, event: 'room:keep', args: () => [value] })),
  { label: 'an empty object', event: 'room:keep', args: () => [{}] },
  { label: 'a negative until', event: 'room:keep', args: () => [{ until: -1 }] },
  { label: 'a fractional until', event: 'room:keep', args: () => [{ until: 1.5 }] },
  { label: 'an unsafe until', event: 'room:keep', args: () => [{ until: 2 ** 60 }] },
  { label: 'until as a string', event: 'room:keep', args: () => [{ until: '1700000000000' }] },
  { label: 'until as null', event: 'room:keep', args: () => [{ until: null }] },
  { label: 'a reason next to it', event: 'room:keep', args: () => [{ until: 1, why: 'x' }] },
  { label: 'a duration instead', event: 'room:keep', args: () => [{ hours: 48 }] },
  { label: 'no payload', event: 'room:keep', args: () => [] },
  { label: 'two payload args', event: 'room:keep', args: () => [{ until: 1 }, { until: 1 }] },
];

const senderOf = (s: Scene, event: RequestName): Client =>
  event === 'room:join' ? s.stranger : s.a.client;

describe('malformed requests are answered invalid_payload and change nothing', () => {
  it.each([...joinRows, ...syncRows, ...sendRows, ...deleteRows, ...keepRows])(
    '$event with $label',
    async (row) => {
      const s = await scene();
      const storeBefore = s.server.store.dumpForTests();
      const socket = senderOf(s, row.event).socket;

      expect(await rawRequest(socket, row.event, ...row.args(s))).toEqual(
        errorReply('invalid_payload'),
      );
      await expectNoEffect(s, storeBefore);

      // The socket is still usable and in the state it was: the stranger can still take a seat.
      if (row.event === 'room:join') {
        expect(expectOk(await s.stranger.request('room:join', s.join)).seat).toBe(0);
      } else {
        expectOk(await s.a.client.request('room:sync', { afterSeq: 0 }));
      }
    },
  );

  it('accepts a ciphertext of exactly the maximum length (the limit is not off by one)', async () => {
    const s = await scene();
    const ciphertext = 'A'.repeat(LIMITS.maxCiphertextChars);
    const reply = expectOk(
      await s.a.client.request('envelope:send', { ...s.envelope, ciphertext }),
    );
    const stored = await s.b.received(s.envelope.eventId);
    expect(stored).toMatchObject({ seq: reply.seq, ciphertext });
  });
});

describe('requests without an acknowledgement are ignored', () => {
  const rows: { event: RequestName; from: 'stranger' | 'a'; payload: (s: Scene) => unknown }[] = [
    { event: 'room:join', from: 'stranger', payload: (s) => s.join },
    { event: 'room:sync', from: 'a', payload: () => ({ afterSeq: 0 }) },
    { event: 'envelope:send', from: 'a', payload: (s) => s.envelope },
    { event: 'room:delete', from: 'a', payload: () => ({}) },
    { event: 'room:keep', from: 'a', payload: () => ({ until: Number.MAX_SAFE_INTEGER }) },
  ];

  it.each(rows)('$event without an ack has no effect', async (row) => {
    const s = await scene();
    const storeBefore = s.server.store.dumpForTests();
    const client = row.from === 'a' ? s.a.client : s.stranger;

    rawEmit(client.socket, row.event, row.payload(s));
    // Requests on one socket are handled in order: this reply comes after the ignored one.
    expect(await rawRequest(client.socket, 'room:sync', { afterSeq: 0 })).toEqual(
      row.from === 'a' ? { ok: true, envelopes: [], complete: true } : errorReply('not_joined'),
    );
    await expectNoEffect(s, storeBefore);
    expect(client.connected).toBe(true);
  });
});

describe('unknown events', () => {
  const names = ['room:leave', 'envelope', 'presence', 'ROOM:JOIN', 'constructor', '__proto__'];

  it.each(names)('"%s" with an ack is answered unknown_event', async (name) => {
    const s = await scene();
    const storeBefore = s.server.store.dumpForTests();
    for (const client of [s.a.client, s.stranger]) {
      expect(await rawRequest(client.socket, name, { afterSeq: 0 })).toEqual(
        errorReply('unknown_event'),
      );
      expect(await rawRequest(client.socket, name)).toEqual(errorReply('unknown_event'));
    }
    await expectNoEffect(s, storeBefore);
  });

  it('an unknown event without an ack is dropped and the socket stays usable', async () => {
    const s = await scene();
    const storeBefore = s.server.store.dumpForTests();
    rawEmit(s.a.socket, 'room:leave', {});
    expectOk(await s.a.client.request('room:sync', { afterSeq: 0 }));
    await expectNoEffect(s, storeBefore);
  });
});

describe('a phone of another build', () => {
  const others: [string, (join: Record<string, unknown>) => unknown][] = [
    ['an older version', (join) => ({ ...join, protocol: PROTOCOL_VERSION - 1 })],
    ['a newer version', (join) => ({ ...join, protocol: PROTOCOL_VERSION + 1 })],
    ['no version (a build from before versioning)', (join) => omit(join, 'protocol')],
    ['a version as a string', (join) => ({ ...join, protocol: String(PROTOCOL_VERSION) })],
    // A newer build may send fields this one does not know: still told to reload, not "malformed".
    ['a newer version with a new field', (join) => ({ ...join, protocol: 99, extra: 1 })],
  ];

  it.each(others)(
    'joining with %s is answered protocol_mismatch and changes nothing',
    async (_, make) => {
      const s = await scene();
      const storeBefore = s.server.store.dumpForTests();
      expect(await rawRequest(s.stranger.socket, 'room:join', make(s.join))).toEqual(
        errorReply('protocol_mismatch'),
      );
      await expectNoEffect(s, storeBefore);
      // The same socket with the right version is served as usual.
      expect(expectOk(await s.stranger.request('room:join', s.join)).seat).toBe(0);
    },
  );
});

describe('requests before joining', () => {
  it('are answered not_joined and change nothing', async () => {
    const s = await scene();
    const storeBefore = s.server.store.dumpForTests();
    const requests: [RequestName, unknown][] = [
      ['room:sync', { afterSeq: 0 }],
      ['envelope:send', s.envelope],
      ['room:delete', {}],
      ['room:keep', { until: Number.MAX_SAFE_INTEGER }],
    ];
    for (const [event, payload] of requests) {
      expect(await rawRequest(s.stranger.socket, event, payload)).toEqual(errorReply('not_joined'));
    }
    await expectNoEffect(s, storeBefore);
    expect(s.stranger.envelopes).toEqual([]);
  });
});

describe('oversized frames', () => {
  it('disconnect the socket and store nothing', async () => {
    const s = await scene();
    const storeBefore = s.server.store.dumpForTests();
    const aOffline = waitFor(s.b.socket, 'presence', (presence) => !presence.seats[0].online);
    const closed = waitForDisconnect(s.a.socket);

    let acknowledged = false;
    rawEmit(
      s.a.socket,
      'envelope:send',
      { ...s.envelope, ciphertext: 'A'.repeat(LIMITS.maxMessageBytes) },
      () => {
        acknowledged = true;
      },
    );
    expect(await closed).toBe('transport close');
    await aOffline;
    expect(acknowledged).toBe(false);

    // B's round trip comes after anything the server could have relayed.
    expectOk(await s.b.client.request('room:sync', { afterSeq: 0 }));
    expect(s.b.client.envelopes).toEqual([]);
    expect(s.server.store.dumpForTests()).toBe(storeBefore);
  });
});
