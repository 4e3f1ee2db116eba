import { describe, expect, it } from 'vitest';
import type { RoomStore } from '../../../../server/store/room-store.ts';
import { Incarnation } from '../../../../shared/protocol.ts';
import { newRoomId } from '../../../support/ids.ts';
import {
  PROVEN,
  Rooms,
  T,
  at,
  newCredential,
  refOf,
  roomOf,
  seatOf,
  sha256Hex,
  TEST_VERIFIER,
} from './support.ts';

/** claimSeat: making a room, taking and returning to seats, refusing the rest. */
export function describeClaimContract(store: () => RoomStore): void {
  const rooms = new Rooms(store);

  describe('claimSeat', () => {
    it('creates a missing room with the creator in seat 0 and a fresh incarnation', async () => {
      const roomId = newRoomId();
      const alice = newCredential();
      const outcome = await store().claimSeat({
        roomId,
        credential: alice,
        createIfMissing: true,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T),
      });
      const room = roomOf(outcome);
      expect(Incarnation.safeParse(room.incarnation).success).toBe(true);
      const expected = {
        roomId,
        incarnation: room.incarnation,
        createdAt: T,
        lastActiveAt: T,
        keepUntil: 0,
        lastSeq: 0,
        seats: [alice, null],
        joinVerifier: TEST_VERIFIER,
        push: [false, false],
      };
      expect(outcome).toEqual({ status: 'created', seat: 0, room: expected });
      expect(await store().getRoom(roomId)).toEqual(expected);
    });

    it('gives every room its own incarnation', async () => {
      const incarnations = new Set<string>();
      for (let i = 0; i < 5; i += 1) incarnations.add((await rooms.pair()).ref.incarnation);
      expect(incarnations.size).toBe(5);
    });

    it('does not create a room unless asked: room_not_found', async () => {
      const roomId = newRoomId();
      const outcome = await store().claimSeat({
        roomId,
        credential: newCredential(),
        createIfMissing: false,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T),
      });
      expect(outcome).toEqual({ status: 'room_not_found' });
      expect(await store().getRoom(roomId)).toBeNull();
    });

    it.each([false, true])(
      'gives a second member seat 1 (createIfMissing: %s)',
      async (createIfMissing) => {
        const alice = newCredential();
        const bob = newCredential();
        const { ref } = await rooms.with([alice]);
        const outcome = await store().claimSeat({
          roomId: ref.roomId,
          credential: bob,
          createIfMissing,
          access: PROVEN,
          knownIncarnation: null,
          at: at(T + 5),
        });
        const room = {
          ...ref,
          createdAt: T,
          lastActiveAt: T + 5,
          keepUntil: 0,
          lastSeq: 0,
          seats: [alice, bob],
          joinVerifier: TEST_VERIFIER,
          push: [false, false],
        };
        expect(outcome).toEqual({ status: 'claimed', seat: 1, room });
        expect(await store().getRoom(ref.roomId)).toEqual(room);
      },
    );

    it.each([false, true])(
      'refuses a third member: room_full (createIfMissing: %s)',
      async (createIfMissing) => {
        const { ref } = await rooms.pair();
        const before = await store().getRoom(ref.roomId);
        const outcome = await store().claimSeat({
          roomId: ref.roomId,
          credential: newCredential(),
          createIfMissing,
          access: PROVEN,
          knownIncarnation: null,
          at: at(T + 9),
        });
        expect(outcome).toEqual({ status: 'room_full' });
        expect(await store().getRoom(ref.roomId)).toEqual(before);
      },
    );

    it.each([0, 1] as const)('returns a member to seat %d with the right secret', async (seat) => {
      const members = [newCredential(), newCredential()] as const;
      const { ref } = await rooms.with(members);
      const outcome = await store().claimSeat({
        roomId: ref.roomId,
        // A fresh object with the same values: stores compare by value.
        credential: { ...members[seat] },
        createIfMissing: false,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T + 50),
      });
      expect(outcome).toMatchObject({ status: 'returned', seat, room: { ...ref } });
      expect(await store().getRoom(ref.roomId)).toMatchObject({
        ...ref,
        lastActiveAt: T + 50,
        keepUntil: 0,
        seats: [members[0], members[1]],
        joinVerifier: TEST_VERIFIER,
        push: [false, false],
      });
    });

    it('returns the creator to seat 0 when it asks to create again', async () => {
      const alice = newCredential();
      const { ref } = await rooms.with([alice]);
      const outcome = await store().claimSeat({
        roomId: ref.roomId,
        credential: alice,
        createIfMissing: true,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T + 7),
      });
      expect(outcome).toEqual({
        status: 'returned',
        seat: 0,
        room: {
          ...ref,
          createdAt: T,
          lastActiveAt: T + 7,
          keepUntil: 0,
          lastSeq: 0,
          seats: [alice, null],
          joinVerifier: TEST_VERIFIER,
          push: [false, false],
        },
      });
    });

    it.each([0, 1] as const)(
      'refuses the member of seat %d with a wrong secret: unauthorized',
      async (seat) => {
        const members = [newCredential(), newCredential()] as const;
        const { ref } = await rooms.with(members);
        const before = await store().getRoom(ref.roomId);
        const impostor = { memberId: members[seat].memberId, secretHash: sha256Hex('guess') };
        for (const createIfMissing of [false, true]) {
          const outcome = await store().claimSeat({
            roomId: ref.roomId,
            credential: impostor,
            createIfMissing,
            access: PROVEN,
            knownIncarnation: null,
            at: at(T + 60),
          });
          expect(outcome).toEqual({ status: 'unauthorized', reason: 'seat_secret' });
        }
        expect(await store().getRoom(ref.roomId)).toEqual(before);
      },
    );

    it('does not let a known member with a wrong secret take the free seat', async () => {
      const alice = newCredential();
      const { ref } = await rooms.with([alice]);
      const outcome = await store().claimSeat({
        roomId: ref.roomId,
        credential: { memberId: alice.memberId, secretHash: sha256Hex('guess') },
        createIfMissing: false,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T + 1),
      });
      expect(outcome).toEqual({ status: 'unauthorized', reason: 'seat_secret' });
      expect((await store().getRoom(ref.roomId))?.seats).toEqual([alice, null]);
    });

    describe('a device that names the incarnation it joined before (R5)', () => {
      it('returns to its seat in that incarnation', async () => {
        const alice = newCredential();
        const { ref } = await rooms.with([alice, newCredential()]);
        const outcome = await store().claimSeat({
          roomId: ref.roomId,
          credential: alice,
          createIfMissing: false,
          access: PROVEN,
          knownIncarnation: ref.incarnation,
          at: at(T + 10),
        });
        expect(outcome).toMatchObject({ status: 'returned', seat: 0 });
      });

      it.each([false, true])(
        'R5: gets room_not_found from a room made again under the id, and takes no seat (create: %s)',
        async (createIfMissing) => {
          const bob = newCredential();
          const old = await rooms.with([newCredential(), bob]);
          expect(await store().deleteRoom(old.ref)).toBe(true);
          // Another device makes a room under the same id: a new incarnation, seat 1 free.
          const remade = await store().claimSeat({
            roomId: old.ref.roomId,
            credential: newCredential(),
            createIfMissing: true,
            access: PROVEN,
            knownIncarnation: null,
            at: at(T + 5),
          });
          expect(remade.status).toBe('created');
          const before = await store().getRoom(old.ref.roomId);
          const outcome = await store().claimSeat({
            roomId: old.ref.roomId,
            credential: bob,
            createIfMissing,
            access: PROVEN,
            knownIncarnation: old.ref.incarnation,
            at: at(T + 10),
          });
          expect(outcome).toEqual({ status: 'room_not_found' });
          expect(await store().getRoom(old.ref.roomId)).toEqual(before);
        },
      );

      it.each([false, true])(
        'R5: never makes its room again once it is gone (create: %s)',
        async (createIfMissing) => {
          const alice = newCredential();
          const { ref } = await rooms.with([alice]);
          expect(await store().deleteRoom(ref)).toBe(true);
          const outcome = await store().claimSeat({
            roomId: ref.roomId,
            credential: alice,
            createIfMissing,
            access: PROVEN,
            knownIncarnation: ref.incarnation,
            at: at(T + 10),
          });
          expect(outcome).toEqual({ status: 'room_not_found' });
          expect(await store().getRoom(ref.roomId)).toBeNull();
        },
      );
    });

    it('keeps the incarnation through claims and returns', async () => {
      const alice = newCredential();
      const bob = newCredential();
      const { ref } = await rooms.with([alice, bob]);
      const again = await store().claimSeat({
        roomId: ref.roomId,
        credential: bob,
        createIfMissing: true,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T + 3),
      });
      expect(refOf(roomOf(again))).toEqual(ref);
      expect(seatOf(again)).toBe(1);
    });
  });
}
