import { describe, expect, it } from 'vitest';
import { decideSeat } from '../../../server/store/claim.ts';
import type { SeatDecision } from '../../../server/store/claim.ts';
import type { SeatCredential } from '../../../server/store/room-store.ts';

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
    decision: { kind: 'unauthorized' },
  },
  {
    name: 'seat 1 with a wrong secret',
    seats: [alice, bob],
    credential: wrongSecret(bob),
    decision: { kind: 'unauthorized' },
  },
  {
    name: 'a wrong secret does not take the free seat',
    seats: [alice, null],
    credential: wrongSecret(alice),
    decision: { kind: 'unauthorized' },
  },
  {
    name: 'a secret of another length',
    seats: [alice, null],
    credential: wrongSecret(alice, 'a'.repeat(63)),
    decision: { kind: 'unauthorized' },
  },
  {
    name: 'an empty secret',
    seats: [alice, null],
    credential: wrongSecret(alice, ''),
    decision: { kind: 'unauthorized' },
  },
  {
    name: 'a secret differing in case',
    seats: [alice, null],
    credential: wrongSecret(alice, 'A'.repeat(64)),
    decision: { kind: 'unauthorized' },
  },
  {
    name: "another member's secret",
    seats: [alice, bob],
    credential: wrongSecret(alice, bob.secretHash),
    decision: { kind: 'unauthorized' },
  },
  {
    name: 'a new member with a known secret is just new',
    seats: [alice, null],
    credential: { memberId: 'dave', secretHash: alice.secretHash },
    decision: { kind: 'take', seat: 1 },
  },
];

describe('decideSeat', () => {
  it.each(CASES)('$name', ({ seats, credential, decision }) => {
    expect(decideSeat(seats, credential)).toEqual(decision);
  });

  it('handles non-ASCII hashes byte for byte without throwing', () => {
    const odd: SeatCredential = { memberId: 'odd', secretHash: 'é'.repeat(32) };
    expect(decideSeat([odd, null], { memberId: 'odd', secretHash: 'e'.repeat(64) })).toEqual({
      kind: 'unauthorized',
    });
    expect(decideSeat([odd, null], { ...odd })).toEqual({ kind: 'returning', seat: 0 });
  });
});
