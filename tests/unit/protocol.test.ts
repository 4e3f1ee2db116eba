import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ErrorCode } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  PROTOCOL_VERSION,
  Ciphertext,
  DeleteReply,
  DeleteRequest,
  ErrorReply,
  JoinReply,
  JoinRequest,
  KeepReply,
  KeepRequest,
  OutgoingEnvelope,
  Presence,
  PUSHES,
  REQUEST_NAMES,
  REQUESTS,
  RoomDeleted,
  SendReply,
  SendRequest,
  StoredEnvelope,
  SyncReply,
  SyncRequest,
  isRequestName,
} from '../../shared/protocol.ts';
import { newEventId, newMemberId, newMemberSecret, newRoomId } from '../support/ids.ts';

interface Schema {
  safeParse(input: unknown): { success: boolean };
}

const accepts = (schema: Schema, input: unknown) => schema.safeParse(input).success;

const join = {
  protocol: PROTOCOL_VERSION,
  roomId: newRoomId(),
  memberId: newMemberId(),
  memberSecret: newMemberSecret(),
  create: false,
  incarnation: null,
  afterSeq: 0,
  proof: newMemberSecret(),
  joinVerifier: null,
};

const outgoing = { eventId: newEventId(), ciphertext: 'AQID', notify: true };

const stored = {
  seq: 1,
  eventId: newEventId(),
  seat: 0,
  ciphertext: 'AQID',
  notify: false,
  storedAt: 1_700_000_000_000,
};

const presence = {
  seats: [
    { taken: true, online: true, push: true },
    { taken: false, online: false, push: false },
  ],
};

const errorReply = (code: string) => ({ ok: false, error: { code } });

describe('Ciphertext', () => {
  it.each([
    ['one char', 'A'],
    ['base64url alphabet', 'AZaz09-_'],
    ['exactly the limit', 'A'.repeat(LIMITS.maxCiphertextChars)],
  ])('accepts %s', (_name, text) => {
    expect(accepts(Ciphertext, text)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['one over the limit', 'A'.repeat(LIMITS.maxCiphertextChars + 1)],
    ['standard base64 +', 'AB+C'],
    ['standard base64 /', 'AB/C'],
    ['padding', 'AQI='],
    ['whitespace', 'AQ ID'],
    ['a newline', 'AQID\n'],
    ['non-ASCII', 'AQIDé'],
    ['a number', 1234],
    ['null', null],
  ])('rejects %s', (_name, text) => {
    expect(accepts(Ciphertext, text)).toBe(false);
  });
});

describe('JoinRequest', () => {
  it.each([
    ['a join', join],
    ['a create', { ...join, create: true, joinVerifier: newMemberSecret() }],
    ['a rejoin after seq', { ...join, afterSeq: 1234 }],
    ['the largest seq', { ...join, afterSeq: Number.MAX_SAFE_INTEGER }],
  ])('accepts %s', (_name, input) => {
    expect(accepts(JoinRequest, input)).toBe(true);
  });

  it.each([
    ['an extra key', { ...join, roomSecret: newMemberSecret() }],
    ['no proof', { ...join, proof: undefined }],
    ['a 42-char proof', { ...join, proof: join.proof.slice(1) }],
    ['a create without a join verifier', { ...join, create: true }],
    ['a join verifier without create', { ...join, joinVerifier: newMemberSecret() }],
    ['a 22-char join verifier', { ...join, create: true, joinVerifier: newMemberId() }],
    ['no roomId', { ...join, roomId: undefined }],
    ['a 21-char roomId', { ...join, roomId: join.roomId.slice(1) }],
    ['a 43-char roomId (a room secret)', { ...join, roomId: newMemberSecret() }],
    ['a 22-char memberSecret', { ...join, memberSecret: newMemberId() }],
    ['a memberId with =', { ...join, memberId: `${join.memberId.slice(1)}=` }],
    ['create as a string', { ...join, create: 'true' }],
    ['no create', { ...join, create: undefined }],
    ['no protocol', { ...join, protocol: undefined }],
    ['a fractional protocol', { ...join, protocol: 2.5 }],
    ['a negative afterSeq', { ...join, afterSeq: -1 }],
    ['a fractional afterSeq', { ...join, afterSeq: 1.5 }],
    ['an unsafe afterSeq', { ...join, afterSeq: Number.MAX_SAFE_INTEGER + 1 }],
    ['a string afterSeq', { ...join, afterSeq: '3' }],
    ['NaN afterSeq', { ...join, afterSeq: Number.NaN }],
    ['an array', [join]],
  ])('rejects %s', (_name, input) => {
    expect(accepts(JoinRequest, input)).toBe(false);
  });
});

describe('SyncRequest', () => {
  it.each([0, 1, 250, Number.MAX_SAFE_INTEGER])('accepts afterSeq %d', (afterSeq) => {
    expect(accepts(SyncRequest, { afterSeq })).toBe(true);
  });
  it.each([
    ['negative', { afterSeq: -1 }],
    ['fractional', { afterSeq: 0.5 }],
    ['infinite', { afterSeq: Number.POSITIVE_INFINITY }],
    ['a string', { afterSeq: '1' }],
    ['missing', {}],
    ['with an extra key', { afterSeq: 0, limit: 10 }],
  ])('rejects %s', (_name, input) => {
    expect(accepts(SyncRequest, input)).toBe(false);
  });
});

describe('SendRequest / OutgoingEnvelope', () => {
  it('are the same schema', () => {
    expect(SendRequest).toBe(OutgoingEnvelope);
  });

  it.each([
    ['an urgent envelope', outgoing],
    ['a quiet envelope', { ...outgoing, notify: false }],
    ['the largest ciphertext', { ...outgoing, ciphertext: 'A'.repeat(LIMITS.maxCiphertextChars) }],
  ])('accepts %s', (_name, input) => {
    expect(accepts(SendRequest, input)).toBe(true);
  });

  it.each([
    ['an extra key (seq)', { ...outgoing, seq: 1 }],
    ['an extra key (seat)', { ...outgoing, seat: 0 }],
    ['no notify', { eventId: outgoing.eventId, ciphertext: outgoing.ciphertext }],
    ['notify as 1', { ...outgoing, notify: 1 }],
    ['a short eventId', { ...outgoing, eventId: 'abc' }],
    ['an empty ciphertext', { ...outgoing, ciphertext: '' }],
    [
      'an oversized ciphertext',
      { ...outgoing, ciphertext: 'A'.repeat(LIMITS.maxCiphertextChars + 1) },
    ],
    ['a plaintext-looking ciphertext', { ...outgoing, ciphertext: '{"type":"signal"}' }],
  ])('rejects %s', (_name, input) => {
    expect(accepts(SendRequest, input)).toBe(false);
  });
});

describe('KeepRequest', () => {
  it.each([0, 1, 1_700_000_000_000, Number.MAX_SAFE_INTEGER])('accepts until %d', (until) => {
    expect(accepts(KeepRequest, { until })).toBe(true);
  });

  it.each([
    ['negative', { until: -1 }],
    ['fractional', { until: 1.5 }],
    ['unsafe', { until: Number.MAX_SAFE_INTEGER + 1 }],
    ['infinite', { until: Number.POSITIVE_INFINITY }],
    ['NaN', { until: Number.NaN }],
    ['a date string', { until: '2030-01-01T00:00:00Z' }],
    ['null (nothing to keep is not asked)', { until: null }],
    ['missing', {}],
    // Only a time crosses the wire: never why.
    ['a reason next to it', { until: 1, reason: 'follow_up' }],
    ['a duration instead', { hours: 48 }],
    ['an array', [{ until: 1 }]],
  ])('rejects %s', (_name, input) => {
    expect(accepts(KeepRequest, input)).toBe(false);
  });
});

describe('StoredEnvelope', () => {
  it.each([
    ['seat 0', stored],
    ['seat 1', { ...stored, seat: 1 }],
    ['storedAt 0', { ...stored, storedAt: 0 }],
    ['a large seq', { ...stored, seq: 2 ** 40 }],
  ])('accepts %s', (_name, input) => {
    expect(accepts(StoredEnvelope, input)).toBe(true);
  });

  it.each([
    ['seq 0 (seqs start at 1)', { ...stored, seq: 0 }],
    ['a fractional seq', { ...stored, seq: 1.5 }],
    ['seat 2', { ...stored, seat: 2 }],
    ['seat "0"', { ...stored, seat: '0' }],
    ['seat -1', { ...stored, seat: -1 }],
    ['a negative storedAt', { ...stored, storedAt: -1 }],
    ['a fractional storedAt', { ...stored, storedAt: 1.25 }],
    ['a date string storedAt', { ...stored, storedAt: '2024-01-01T00:00:00Z' }],
    ['no seat', { ...stored, seat: undefined }],
    ['an extra key', { ...stored, roomId: newRoomId() }],
    ['a bad ciphertext', { ...stored, ciphertext: 'a b' }],
  ])('rejects %s', (_name, input) => {
    expect(accepts(StoredEnvelope, input)).toBe(false);
  });
});

describe('Presence', () => {
  it('accepts every combination of two seats', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
        fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
        ([a, b, c], [d, e, f]) => {
          const input = {
            seats: [
              { taken: a, online: b, push: c },
              { taken: d, online: e, push: f },
            ],
          };
          expect(Presence.parse(input)).toEqual(input);
        },
      ),
    );
  });

  it.each([
    ['one seat', { seats: [{ taken: true, online: true }] }],
    ['three seats', { seats: [...presence.seats, { taken: true, online: true }] }],
    ['no seats', { seats: [] }],
    [
      'a seat with an extra key',
      { seats: [{ taken: true, online: true, memberId: 'x' }, presence.seats[1]] },
    ],
    ['a seat missing online', { seats: [{ taken: true }, presence.seats[1]] }],
    ['a non-boolean flag', { seats: [{ taken: 1, online: true }, presence.seats[1]] }],
    ['an extra key', { ...presence, count: 2 }],
    ['seats as an object', { seats: { 0: presence.seats[0], 1: presence.seats[1] } }],
  ])('rejects %s', (_name, input) => {
    expect(accepts(Presence, input)).toBe(false);
  });
});

describe('ErrorReply', () => {
  it('lists every error code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it.each(ERROR_CODES)('accepts code %s', (code) => {
    expect(ErrorReply.parse(errorReply(code))).toEqual(errorReply(code));
  });

  it.each([
    ['an unknown code', errorReply('teapot')],
    ['a code in another case', errorReply('ROOM_FULL')],
    ['ok: true', { ok: true, error: { code: ErrorCode.roomFull } }],
    ['no error', { ok: false }],
    ['a message next to the code', { ok: false, error: { code: 'internal', message: 'boom' } }],
    ['an extra key', { ...errorReply('internal'), seat: 0 }],
    ['a bare code', { ok: false, error: 'internal' }],
  ])('rejects %s', (_name, input) => {
    expect(accepts(ErrorReply, input)).toBe(false);
  });
});

describe('reply schemas', () => {
  const joinOk = {
    ok: true,
    seat: 1,
    incarnation: 'a1',
    lastSeq: 1,
    presence,
    envelopes: [stored],
    complete: true,
    pushKey: `B${'k'.repeat(86)}`,
  };
  const syncOk = { ok: true, envelopes: [stored, { ...stored, seq: 2 }], complete: false };
  const sendOk = { ok: true, seq: 7, duplicate: false };
  const keepOk = { ok: true, keptUntil: 1_700_000_000_000 };

  const replies = [
    { name: 'JoinReply', schema: JoinReply, ok: joinOk },
    { name: 'SyncReply', schema: SyncReply, ok: syncOk },
    { name: 'SendReply', schema: SendReply, ok: sendOk },
    { name: 'DeleteReply', schema: DeleteReply, ok: { ok: true } },
    { name: 'KeepReply', schema: KeepReply, ok: keepOk },
    { name: 'JoinReply without push', schema: JoinReply, ok: { ...joinOk, pushKey: null } },
  ];

  it.each(replies)('$name accepts its success shape', ({ schema, ok }) => {
    expect(accepts(schema, ok)).toBe(true);
  });

  it.each(replies)('$name accepts every error reply', ({ schema }) => {
    for (const code of ERROR_CODES) expect(accepts(schema, errorReply(code))).toBe(true);
  });

  it.each(replies)(
    '$name rejects success with an extra key, ok:false, or no ok',
    ({ schema, ok }) => {
      expect(accepts(schema, { ...ok, extra: 1 })).toBe(false);
      expect(accepts(schema, { ...ok, ok: false })).toBe(false);
      const withoutOk = Object.fromEntries(Object.entries(ok).filter(([key]) => key !== 'ok'));
      expect(accepts(schema, withoutOk)).toBe(false);
      expect(accepts(schema, errorReply('nope'))).toBe(false);
    },
  );

  it.each([
    ['JoinReply with seat 2', JoinReply, { ...joinOk, seat: 2 }],
    ['JoinReply without presence', JoinReply, { ...joinOk, presence: undefined }],
    ['JoinReply without incarnation', JoinReply, { ...joinOk, incarnation: undefined }],
    ['JoinReply with an empty incarnation', JoinReply, { ...joinOk, incarnation: '' }],
    ['JoinReply with a bad envelope', JoinReply, { ...joinOk, envelopes: [{ ...stored, seq: 0 }] }],
    ['JoinReply without complete', JoinReply, { ...joinOk, complete: undefined }],
    ['JoinReply without pushKey', JoinReply, { ...joinOk, pushKey: undefined }],
    ['JoinReply with a short pushKey', JoinReply, { ...joinOk, pushKey: 'B' }],
    ['SyncReply with envelopes as an object', SyncReply, { ...syncOk, envelopes: stored }],
    ['SendReply with seq 0', SendReply, { ...sendOk, seq: 0 }],
    ['SendReply without duplicate', SendReply, { ok: true, seq: 1 }],
    ['DeleteReply with data', DeleteReply, { ok: true, deleted: true }],
    ['KeepReply without keptUntil', KeepReply, { ok: true }],
    ['KeepReply with a negative keptUntil', KeepReply, { ok: true, keptUntil: -1 }],
    ['KeepReply with a fractional keptUntil', KeepReply, { ok: true, keptUntil: 0.5 }],
  ])('rejects %s', (_name, schema, input) => {
    expect(accepts(schema, input)).toBe(false);
  });
});

describe('requests and pushes', () => {
  it('names every request and pairs it with its schemas', () => {
    expect([...REQUEST_NAMES].sort()).toEqual(
      [
        'envelope:send',
        'room:delete',
        'room:join',
        'room:keep',
        'room:sync',
        'push:subscribe',
        'push:wake',
        'phone:visibility',
      ].sort(),
    );
    expect(REQUESTS['room:join']).toEqual({ request: JoinRequest, reply: JoinReply });
    expect(REQUESTS['room:sync']).toEqual({ request: SyncRequest, reply: SyncReply });
    expect(REQUESTS['envelope:send']).toEqual({ request: SendRequest, reply: SendReply });
    expect(REQUESTS['room:delete']).toEqual({ request: DeleteRequest, reply: DeleteReply });
    expect(REQUESTS['room:keep']).toEqual({ request: KeepRequest, reply: KeepReply });
  });

  it('DeleteRequest takes an empty object only', () => {
    expect(accepts(DeleteRequest, {})).toBe(true);
    expect(accepts(DeleteRequest, { roomId: newRoomId() })).toBe(false);
    expect(accepts(DeleteRequest, null)).toBe(false);
  });

  it.each([
    [{ reason: 'deleted' }, true],
    [{ reason: 'expired' }, true],
    [{}, false],
    [{ reason: 'other' }, false],
    [{ reason: 'deleted', roomId: 'x' }, false],
    [null, false],
  ])('RoomDeleted %j -> %s', (payload, ok) => {
    expect(accepts(RoomDeleted, payload)).toBe(ok);
  });

  it.each([
    [{ nonce: newMemberSecret() }, true],
    [{ nonce: newMemberId() }, false],
    [{ nonce: `${newMemberSecret().slice(1)}=` }, false],
    [{ nonce: newMemberSecret(), extra: 1 }, false],
    [{}, false],
  ])('session:nonce %j -> %s', (payload, ok) => {
    expect(accepts(PUSHES['session:nonce'], payload)).toBe(ok);
  });

  it('pushes a nonce, an envelope, presence and deletion', () => {
    expect(Object.keys(PUSHES)).toEqual(['session:nonce', 'envelope', 'presence', 'room:deleted']);
    expect(PUSHES.envelope).toBe(StoredEnvelope);
    expect(PUSHES.presence).toBe(Presence);
    expect(PUSHES['room:deleted']).toBe(RoomDeleted);
  });

  it.each(REQUEST_NAMES)('isRequestName(%j) is true', (name) => {
    expect(isRequestName(name)).toBe(true);
  });

  it.each([
    '',
    'room',
    'room:JOIN',
    ' room:join',
    'room:join ',
    'envelope',
    'presence',
    'room:deleted',
    'toString',
    'constructor',
    '__proto__',
    'hasOwnProperty',
    'valueOf',
  ])('isRequestName(%j) is false', (name) => {
    expect(isRequestName(name)).toBe(false);
  });

  it('isRequestName is true exactly for the request names', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...REQUEST_NAMES)), (name) => {
        expect(isRequestName(name)).toBe((REQUEST_NAMES as readonly string[]).includes(name));
      }),
    );
  });
});
