import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideSeat, sameSecret, verifierToCreateWith } from '../../../server/store/claim.ts';
import type { SeatDecision } from '../../../server/store/claim.ts';
import type { JoinAccess, SeatCredential } from '../../../server/store/room-store.ts';

const alice: SeatCredential = { memberId: 'alice', secretHash: 'a'.repeat(64) };
const bob: SeatCredential = { memberId: 'bob', secretHash: 'b'.repeat(64) };
const carol: SeatCredential = { memberId: 'carol', secretHash: 'c'.repeat(64) };
const wrongSecret = (member: SeatCredential, secretHash = 'f'.repeat(64)): SeatCredential => ({
  memberId: member.memberId,
  secretHash,
});

type Seats = readonly [SeatCredential | null, SeatCredential | null];

const CASES: readonly {
  name: string;
  seats: Seats;
  credential: SeatCredential;
  decision: SeatDecision;
}[] = [
  {
    name: 'an empty room: take seat 0',
    seats: [null, null],
    credential: alice,
    decision: { kind: 'take', seat: 0 },
  },
  {
    name: 'seat 0 taken: take seat 1',
    seats: [alice, null],
    credential: bob,
    decision: { kind: 'take', seat: 1 },
  },
  {
    name: 'only seat 1 taken: take the lowest free seat, 0',
    seats: [null, bob],
    credential: carol,
    decision: { kind: 'take', seat: 0 },
  },
  { name: 'both taken: full', seats: [alice, bob], credential: carol, decision: { kind: 'full' } },
  {
    name: 'the seat-0 member returns',
    seats: [alice, null],
    credential: alice,
    decision: { kind: 'returning', seat: 0 },
  },
  {
    name: 'the seat-0 member returns to a full room',
    seats: [alice, bob],
    credential: alice,
    decision: { kind: 'returning', seat: 0 },
  },
  {
    name: 'the seat-1 member returns',
    seats: [alice, bob],
    credential: bob,
    decision: { kind: 'returning', seat: 1 },
  },
  {
    name: 'the seat-1 member returns while seat 0 is free',
    seats: [null, bob],
    credential: bob,
    decision: { kind: 'returning', seat: 1 },
  },
  {
    name: 'a copy of the credential still returns',
    seats: [alice, bob],
    credential: { ...bob },
    decision: { kind: 'returning', seat: 1 },
  },
  {
    name: 'seat 0 with a wrong secret',
    seats: [alice, bob],
    credential: wrongSecret(alice),
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: 'seat 1 with a wrong secret',
    seats: [alice, bob],
    credential: wrongSecret(bob),
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: 'a wrong secret does not take the free seat',
    seats: [alice, null],
    credential: wrongSecret(alice),
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: 'a secret of another length',
    seats: [alice, null],
    credential: wrongSecret(alice, 'a'.repeat(63)),
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: 'an empty secret',
    seats: [alice, null],
    credential: wrongSecret(alice, ''),
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: 'a secret differing in case',
    seats: [alice, null],
    credential: wrongSecret(alice, 'A'.repeat(64)),
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: "another member's secret",
    seats: [alice, bob],
    credential: wrongSecret(alice, bob.secretHash),
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: 'a new member with a known secret is just new',
    seats: [alice, null],
    credential: { memberId: 'dave', secretHash: alice.secretHash },
    decision: { kind: 'take', seat: 1 },
  },
];

/** A room with a join verifier, and a claim whose proof the server found valid against it. */
const VERIFIER = 'V'.repeat(43);
const OTHER_VERIFIER = 'W'.repeat(43);
const PROVEN: JoinAccess = { provenVerifier: VERIFIER, newVerifier: null };
const UNPROVEN: JoinAccess = { provenVerifier: null, newVerifier: null };
const withVerifier = (seats: Seats, joinVerifier: string | null = VERIFIER) => ({
  seats,
  joinVerifier,
});

describe('decideSeat', () => {
  it.each(CASES)('$name', ({ seats, credential, decision }) => {
    expect(decideSeat(withVerifier(seats), credential, PROVEN)).toEqual(decision);
  });

  it('handles non-ASCII hashes byte for byte without throwing', () => {
    const odd: SeatCredential = { memberId: 'odd', secretHash: 'é'.repeat(32) };
    const room = withVerifier([odd, null]);
    expect(decideSeat(room, { memberId: 'odd', secretHash: 'e'.repeat(64) }, PROVEN)).toEqual({
      kind: 'unauthorized',
      reason: 'seat_secret',
    });
    expect(decideSeat(room, { ...odd }, PROVEN)).toEqual({ kind: 'returning', seat: 0 });
  });
});

const NO_PROOF = { kind: 'unauthorized', reason: 'join_proof' } as const;

const PROOF_CASES: readonly {
  name: string;
  seats: Seats;
  joinVerifier: string | null;
  credential: SeatCredential;
  access: JoinAccess;
  decision: SeatDecision;
}[] = [
  ...(
    [
      ['no valid proof', UNPROVEN],
      ['a proof against another verifier', { provenVerifier: OTHER_VERIFIER, newVerifier: null }],
      ['a proof bringing its own verifier', { provenVerifier: null, newVerifier: VERIFIER }],
    ] as const
  ).flatMap(([what, access]) => [
    {
      name: `${what}: a new member takes no free seat`,
      seats: [alice, null] as Seats,
      joinVerifier: VERIFIER,
      credential: bob,
      access,
      decision: NO_PROOF,
    },
    {
      name: `${what}: a member with the right secret does not return`,
      seats: [alice, bob] as Seats,
      joinVerifier: VERIFIER,
      credential: bob,
      access,
      decision: NO_PROOF,
    },
    {
      name: `${what}: a stranger learns nothing, not even that the room is full`,
      seats: [alice, bob] as Seats,
      joinVerifier: VERIFIER,
      credential: carol,
      access,
      decision: NO_PROOF,
    },
  ]),
  {
    name: 'a room from before join proofs: its member returns with the secret alone',
    seats: [alice, bob],
    joinVerifier: null,
    credential: bob,
    access: UNPROVEN,
    decision: { kind: 'returning', seat: 1 },
  },
  {
    name: 'a room from before join proofs: a wrong secret is still refused',
    seats: [alice, null],
    joinVerifier: null,
    credential: wrongSecret(alice),
    access: PROVEN,
    decision: { kind: 'unauthorized', reason: 'seat_secret' },
  },
  {
    name: 'a room from before join proofs: no new device, whatever it proves',
    seats: [alice, null],
    joinVerifier: null,
    credential: bob,
    access: PROVEN,
    decision: NO_PROOF,
  },
];

describe('decideSeat with join proofs', () => {
  it.each(PROOF_CASES)('$name', ({ seats, joinVerifier, credential, access, decision }) => {
    expect(decideSeat(withVerifier(seats, joinVerifier), credential, access)).toEqual(decision);
  });

  it('never seats anyone new without a proof against the room’s own verifier', () => {
    const arbVerifier = fc.constantFrom(VERIFIER, OTHER_VERIFIER, 'v'.repeat(43));
    const arbCredential = fc.constantFrom(alice, bob, carol, wrongSecret(alice));
    const arbSeat = fc.option(fc.constantFrom(alice, bob), { nil: null });
    fc.assert(
      fc.property(
        fc.tuple(arbSeat, arbSeat),
        fc.option(arbVerifier, { nil: null }),
        fc.option(arbVerifier, { nil: null }),
        arbCredential,
        (seats, joinVerifier, provenVerifier, credential) => {
          const decision = decideSeat({ seats, joinVerifier }, credential, {
            provenVerifier,
            newVerifier: provenVerifier,
          });
          const proven = joinVerifier !== null && provenVerifier === joinVerifier;
          if (!proven) expect(['unauthorized', 'returning']).toContain(decision.kind);
          if (!proven && decision.kind === 'returning') {
            // Only in a room from before join proofs, and only to the seat it holds.
            expect(joinVerifier).toBeNull();
            expect(seats[decision.seat]).toEqual(credential);
          }
        },
      ),
    );
  });
});

describe('verifierToCreateWith', () => {
  it.each([
    ['a proof against the verifier it brings', VERIFIER, VERIFIER, VERIFIER],
    ['no verifier brought', VERIFIER, null, null],
    ['no valid proof', null, VERIFIER, null],
    ['a proof against another verifier', OTHER_VERIFIER, VERIFIER, null],
  ] as const)('%s', (_name, provenVerifier, newVerifier, made) => {
    expect(verifierToCreateWith({ provenVerifier, newVerifier })).toBe(made);
  });
});

describe('sameSecret', () => {
  it.each([
    ['equal', 'abc', 'abc', true],
    ['different', 'abc', 'abd', false],
    ['a prefix', 'abc', 'ab', false],
    ['empty and not', '', 'a', false],
  ] as const)('%s', (_name, a, b, same) => {
    expect(sameSecret(a, b)).toBe(same);
  });
});
