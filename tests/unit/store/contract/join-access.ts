import { describe, expect, it } from 'vitest';
import type { JoinAccess, RoomStore } from '../../../../server/store/room-store.ts';
import { newRoomId } from '../../../support/ids.ts';
import { PROVEN, Rooms, T, TEST_VERIFIER, at, newCredential, roomOf } from './support.ts';

const UNPROVEN: JoinAccess = { provenVerifier: null, newVerifier: null };
const OTHER_VERIFIER = 'K'.repeat(43);

/**
 * claimSeat and join proofs: a room keeps the verifier it was made with, and a claim that did not
 * prove it (the server checks the HMAC; the store compares verifiers) is refused and changes
 * nothing, whatever it asks for.
 */
export function describeJoinAccessContract(store: () => RoomStore): void {
  const rooms = new Rooms(store);

  describe('claimSeat with join proofs', () => {
    it('keeps the verifier the room was made with, and no other', async () => {
      const roomId = newRoomId();
      const created = await store().claimSeat({
        roomId,
        credential: newCredential(),
        createIfMissing: true,
        // A verifier brought by a later create of the same room is not the room's.
        access: PROVEN,
        knownIncarnation: null,
        at: at(T),
      });
      expect(roomOf(created).joinVerifier).toBe(TEST_VERIFIER);
      const again = await store().claimSeat({
        roomId,
        credential: newCredential(),
        createIfMissing: true,
        access: { provenVerifier: OTHER_VERIFIER, newVerifier: OTHER_VERIFIER },
        knownIncarnation: null,
        at: at(T + 1),
      });
      expect(again).toEqual({ status: 'unauthorized', reason: 'join_proof' });
      expect((await store().getRoom(roomId))?.joinVerifier).toBe(TEST_VERIFIER);
    });

    it.each([
      ['no valid proof', UNPROVEN],
      ['a proof against another verifier', { provenVerifier: OTHER_VERIFIER, newVerifier: null }],
      ['a verifier brought but not proven', { provenVerifier: null, newVerifier: TEST_VERIFIER }],
    ] as const)('makes no room for a create with %s', async (_name, access) => {
      const roomId = newRoomId();
      const outcome = await store().claimSeat({
        roomId,
        credential: newCredential(),
        createIfMissing: true,
        access,
        knownIncarnation: null,
        at: at(T),
      });
      expect(outcome).toEqual({ status: 'unauthorized', reason: 'join_proof' });
      expect(await store().getRoom(roomId)).toBeNull();
    });

    it.each([
      ['no valid proof', UNPROVEN],
      ['a proof against another verifier', { provenVerifier: OTHER_VERIFIER, newVerifier: null }],
    ] as const)('with %s: no free seat, no return, no word of a full room', async (_n, access) => {
      const alice = newCredential();
      const half = await rooms.with([alice]);
      const full = await rooms.pair();
      for (const [ref, credential] of [
        [half.ref, newCredential()],
        [half.ref, alice],
        [full.ref, newCredential()],
      ] as const) {
        const before = await store().getRoom(ref.roomId);
        for (const createIfMissing of [false, true]) {
          const outcome = await store().claimSeat({
            roomId: ref.roomId,
            credential,
            createIfMissing,
            access,
            knownIncarnation: null,
            at: at(T + 50),
          });
          expect(outcome).toEqual({ status: 'unauthorized', reason: 'join_proof' });
        }
        expect(await store().getRoom(ref.roomId)).toEqual(before);
      }
    });
  });
}
