import { describe, expect, it } from 'vitest';
import type { RoomStore } from '../../../../server/store/room-store.ts';
import { newRoomId } from '../../../support/ids.ts';
import {
  HOUR,
  LIFETIME,
  PROVEN,
  Rooms,
  T,
  appended,
  at,
  envelope,
  newCredential,
  refOf,
  roomOf,
} from './support.ts';

/** The room pair's last activity (the second claim) and the first moment it is idle too long. */
const LAST_ACTIVE = T + 1;
const IDLE_TOO_LONG = LAST_ACTIVE + LIFETIME.idleMs + 1;

/** How rooms end: reported `ended` (never removed) by every call, removed only by deleteRoom. */
export function describeLifetimeContract(store: () => RoomStore): void {
  const rooms = new Rooms(store);

  /** A room kept busy (an append every half idle time) until `until`. */
  async function busyRoomUntil(until: number) {
    const room = await rooms.pair();
    for (let time = T + LIFETIME.idleMs / 2; time <= until; time += LIFETIME.idleMs / 2) {
      appended(await rooms.append(room.holder(0), envelope(), time));
    }
    return room;
  }

  describe('a room that is over', () => {
    it('lives up to its idle time exactly, and is expired one millisecond later', async () => {
      const room = await rooms.pair();
      const edge = LAST_ACTIVE + LIFETIME.idleMs;
      expect((await rooms.read(room.ref, 0, 10, edge)).status).toBe('ok');
      expect(await rooms.read(room.ref, 0, 10, edge + 1)).toEqual({
        status: 'ended',
        room: room.ref,
        reason: 'expired',
      });
    });

    it('R4: is reported ended to every call, which changes nothing', async () => {
      const alice = newCredential();
      const bob = newCredential();
      const room = await rooms.with([alice, bob]);
      await rooms.fill(room, 2);
      const lastActive = T + 101;
      const late = lastActive + LIFETIME.idleMs + 1;
      const before = await store().getRoom(room.ref.roomId);
      const ended = { status: 'ended', room: room.ref, reason: 'expired' };

      for (const createIfMissing of [false, true]) {
        for (const credential of [alice, newCredential()]) {
          const claim = {
            roomId: room.ref.roomId,
            credential,
            createIfMissing,
            access: PROVEN,
            knownIncarnation: null,
            at: at(late),
          };
          expect(await store().claimSeat(claim)).toEqual(ended);
        }
      }
      expect(await rooms.append(room.holder(1), envelope(), late)).toEqual(ended);
      expect(await rooms.read(room.ref, 0, 10, late)).toEqual(ended);

      // Nothing was removed or touched: the store leaves ending to the server.
      expect(await store().getRoom(room.ref.roomId)).toEqual(before);
      expect(await rooms.log(room.ref, lastActive)).toHaveLength(2);
    });

    it('reaches its maximum age however busy it is: max_age', async () => {
      const room = await busyRoomUntil(T + LIFETIME.maxAgeMs);
      const tooOld = T + LIFETIME.maxAgeMs + 1;
      const ended = { status: 'ended', room: room.ref, reason: 'max_age' };
      expect(await rooms.append(room.holder(1), envelope(), tooOld)).toEqual(ended);
      expect(await rooms.read(room.ref, 0, 10, tooOld)).toEqual(ended);
      expect((await rooms.read(room.ref, 0, 10, tooOld - 1)).status).toBe('ok');
    });

    it('R5: is not reported ended to a holder of another incarnation', async () => {
      const room = await rooms.pair();
      const stale = { ...room.holder(0), room: { ...room.ref, incarnation: 'old' } };
      expect(await rooms.append(stale, envelope(), IDLE_TOO_LONG)).toEqual({
        status: 'room_not_found',
      });
    });
  });

  describe('deleteRoom', () => {
    it('R6: removes the incarnation, its seats and its log, once', async () => {
      const alice = newCredential();
      const room = await rooms.with([alice, newCredential()]);
      await rooms.fill(room, 3);
      expect(await store().deleteRoom(room.ref)).toBe(true);
      expect(await store().deleteRoom(room.ref)).toBe(false);
      expect(await store().getRoom(room.ref.roomId)).toBeNull();
      await rooms.expectGone(room);
      const claim = {
        roomId: room.ref.roomId,
        credential: alice,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T + 300),
      };
      expect(await store().claimSeat({ ...claim, createIfMissing: false })).toEqual({
        status: 'room_not_found',
      });
    });

    it('R5: removes only the incarnation it names', async () => {
      const room = await rooms.pair();
      await rooms.fill(room, 2);
      expect(await store().deleteRoom({ ...room.ref, incarnation: 'another' })).toBe(false);
      expect(await store().deleteRoom({ ...room.ref, roomId: newRoomId() })).toBe(false);
      expect(await store().getRoom(room.ref.roomId)).toMatchObject({ ...room.ref, lastSeq: 2 });
      expect(await rooms.log(room.ref)).toHaveLength(2);
    });

    it('R5: lets the id be made afresh: a new incarnation from seq 1, out of reach of the old', async () => {
      const alice = newCredential();
      const room = await rooms.with([alice, newCredential()]);
      const [old] = await rooms.fill(room, 2);
      await store().deleteRoom(room.ref);
      const outcome = await store().claimSeat({
        roomId: room.ref.roomId,
        credential: alice,
        createIfMissing: true,
        access: PROVEN,
        knownIncarnation: null,
        at: at(T + 400),
      });
      expect(outcome).toMatchObject({ status: 'created', seat: 0 });
      const fresh = refOf(roomOf(outcome));
      expect(fresh.incarnation).not.toBe(room.ref.incarnation);
      expect(await store().getRoom(fresh.roomId)).toMatchObject({
        lastSeq: 0,
        seats: [alice, null],
      });

      // The same member in the same seat, but holding the old incarnation: refused.
      expect(await rooms.append(room.holder(0), envelope(), T + 401)).toEqual({
        status: 'room_not_found',
      });
      expect(await rooms.read(room.ref, 0, 10, T + 401)).toEqual({ status: 'room_not_found' });
      expect(await store().deleteRoom(room.ref)).toBe(false);
      // The old event id is forgotten too.
      const holder = { room: fresh, seat: 0, memberId: alice.memberId } as const;
      const again = await rooms.append(holder, { ...envelope(), eventId: old?.eventId ?? '' });
      expect(appended(again).seq).toBe(1);
      expect(await rooms.log(fresh, T + 401)).toEqual([appended(again)]);
    });

    it('is false for a room that never existed, and leaves others alone', async () => {
      const other = await rooms.with([newCredential()]);
      await rooms.fill(other, 2);
      expect(await store().deleteRoom({ roomId: newRoomId(), incarnation: 'none' })).toBe(false);
      expect(await store().getRoom(other.ref.roomId)).toMatchObject({ lastSeq: 2 });
      expect(await rooms.log(other.ref)).toHaveLength(2);
    });
  });

  describe('listEnded', () => {
    it('names rooms idle too long or too old, with the reason, and removes nothing', async () => {
      const now = T + LIFETIME.maxAgeMs + HOUR;
      const tooOld = await busyRoomUntil(now);
      const idle = await rooms.with([newCredential()], now - LIFETIME.idleMs - 1);
      const atCutoff = await rooms.with([newCredential()], now - LIFETIME.idleMs);
      const recent = await rooms.with([newCredential()], now - HOUR);

      const ended = await store().listEnded(at(now), 10);
      const byIncarnation = (a: { room: { incarnation: string } }, b: typeof a) =>
        a.room.incarnation.localeCompare(b.room.incarnation);
      expect([...ended].sort(byIncarnation)).toEqual(
        [
          { status: 'ended', room: tooOld.ref, reason: 'max_age' },
          { status: 'ended', room: idle.ref, reason: 'expired' },
        ].sort(byIncarnation),
      );
      for (const room of [tooOld, idle, atCutoff, recent]) {
        expect(await store().getRoom(room.ref.roomId)).not.toBeNull();
      }
      expect(await store().listEnded(at(now), 10)).toHaveLength(2);
    });

    it('returns at most `limit`, and nothing from an empty store or at a moment all live', async () => {
      expect(await store().listEnded(at(T), 10)).toEqual([]);
      for (let i = 0; i < 3; i += 1) await rooms.with([newCredential()]);
      expect(await store().listEnded(at(T + 1), 10)).toEqual([]);
      expect(await store().listEnded(at(IDLE_TOO_LONG), 2)).toHaveLength(2);
      expect(await store().listEnded(at(IDLE_TOO_LONG), 10)).toHaveLength(3);
    });

    it('spares a room kept alive by appends or a returning member', async () => {
      const alice = newCredential();
      const byAppend = await rooms.with([newCredential()]);
      const byReturn = await rooms.with([alice]);
      const later = T + LIFETIME.idleMs - 1;
      await rooms.append(byAppend.holder(0), envelope(), later);
      const claim = {
        roomId: byReturn.ref.roomId,
        credential: alice,
        createIfMissing: false,
        access: PROVEN,
        knownIncarnation: null,
      };
      await store().claimSeat({ ...claim, at: at(later) });
      expect(await store().listEnded(at(later + LIFETIME.idleMs), 10)).toEqual([]);
    });
  });
}
