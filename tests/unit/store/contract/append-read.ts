import { describe, expect, it } from 'vitest';
import type { RoomStore, SeatHolder } from '../../../../server/store/room-store.ts';
import { StoredEnvelope } from '../../../../shared/protocol.ts';
import { newMemberId, newRoomId } from '../../../support/ids.ts';
import { HOUR, Rooms, T, appended, envelope, newCredential } from './support.ts';

/** append, readAfter and getRoom on live rooms: order, deduplication, who may write. */
export function describeAppendReadContract(store: () => RoomStore): void {
  const rooms = new Rooms(store);

  describe('append', () => {
    it('R1: numbers envelopes 1, 2, 3... and stores exactly what was sent, with seat and time', async () => {
      const room = await rooms.pair();
      const sent = [envelope({ notify: true }), envelope(), envelope(), envelope()];
      const seats = [0, 1, 1, 0] as const;
      const stored = [];
      for (const [i, e] of sent.entries()) {
        stored.push(appended(await rooms.append(room.holder(seats[i] ?? 0), e, T + 100 + i)));
      }
      expect(stored).toEqual(
        sent.map((e, i) => ({ ...e, seq: i + 1, seat: seats[i], storedAt: T + 100 + i })),
      );
      for (const s of stored) expect(StoredEnvelope.safeParse(s).success).toBe(true);
      expect(await rooms.log(room.ref)).toEqual(stored);
    });

    it('R2: dedups a retry from the same seat: the original, nothing new stored', async () => {
      const room = await rooms.pair();
      const [, original] = await rooms.fill(room, 3);
      if (original === undefined) throw new Error('fill made too few');
      const retry = await rooms.append(
        room.holder(original.seat),
        // A retry may even carry different bytes (a re-seal): the first one stands.
        { eventId: original.eventId, ciphertext: 'AAAA', notify: !original.notify },
        T + 500,
      );
      expect(retry).toEqual({ status: 'duplicate', envelope: original });
      expect(await rooms.log(room.ref)).toHaveLength(3);
      expect(await store().getRoom(room.ref.roomId)).toMatchObject({ lastSeq: 3 });
      expect(appended(await rooms.append(room.holder(0), envelope(), T + 501)).seq).toBe(4);
    });

    it('R2: refuses an event id that the other seat used: conflict', async () => {
      const room = await rooms.pair();
      const first = appended(await rooms.append(room.holder(0)));
      const outcome = await rooms.append(room.holder(1), {
        eventId: first.eventId,
        ciphertext: 'BBBB',
        notify: true,
      });
      expect(outcome).toEqual({ status: 'conflict' });
      expect(await rooms.log(room.ref)).toEqual([first]);
      expect(await store().getRoom(room.ref.roomId)).toMatchObject({ lastSeq: 1 });
    });

    it('keeps event ids per room: the same id in another room is new', async () => {
      const roomA = await rooms.with([newCredential()]);
      const roomB = await rooms.with([newCredential()]);
      const e = envelope();
      expect(appended(await rooms.append(roomA.holder(0), e)).seq).toBe(1);
      expect(appended(await rooms.append(roomB.holder(0), e)).seq).toBe(1);
    });

    it('keeps sequence numbers per room', async () => {
      const roomA = await rooms.with([newCredential()]);
      const roomB = await rooms.with([newCredential()]);
      await rooms.fill(roomA, 3);
      expect(appended(await rooms.append(roomB.holder(0))).seq).toBe(1);
      expect(appended(await rooms.append(roomA.holder(0))).seq).toBe(4);
    });

    it('R4: refuses a missing room: room_not_found, and creates nothing', async () => {
      const roomId = newRoomId();
      const ghost: SeatHolder = {
        room: { roomId, incarnation: 'ghost' },
        seat: 0,
        memberId: newMemberId(),
      };
      expect(await rooms.append(ghost)).toEqual({ status: 'room_not_found' });
      expect(await store().getRoom(roomId)).toBeNull();
    });

    it.each([
      [
        'another incarnation',
        (ref: { incarnation: string }) => ({ incarnation: `${ref.incarnation}x` }),
      ],
      ['another room id', () => ({ roomId: newRoomId() })],
    ] as const)(
      'R5: refuses a holder naming %s: room_not_found, nothing stored',
      async (_what, change) => {
        const room = await rooms.pair();
        await rooms.fill(room, 2);
        const stale = { ...room.holder(0), room: { ...room.ref, ...change(room.ref) } };
        expect(await rooms.append(stale)).toEqual({ status: 'room_not_found' });
        expect(await rooms.log(room.ref)).toHaveLength(2);
        expect(await store().getRoom(room.ref.roomId)).toMatchObject({ lastSeq: 2 });
      },
    );

    it.each([0, 1] as const)(
      'R5: refuses a member who does not hold seat %d: room_not_found, nothing stored',
      async (seat) => {
        const room = await rooms.with([newCredential()]);
        const holder = { room: room.ref, seat, memberId: newMemberId() };
        expect(await rooms.append(holder)).toEqual({ status: 'room_not_found' });
        // Nor may the creator write as the seat it does not hold.
        expect(await rooms.append({ ...room.holder(0), seat: 1 })).toEqual({
          status: 'room_not_found',
        });
        expect(await rooms.log(room.ref)).toEqual([]);
      },
    );
  });

  describe('readAfter', () => {
    it('pages through the log by afterSeq and limit', async () => {
      const room = await rooms.pair();
      const log = await rooms.fill(room, 7);
      const seqs = async (afterSeq: number, limit: number) => {
        const outcome = await rooms.read(room.ref, afterSeq, limit);
        return outcome.status === 'ok' ? outcome.envelopes.map((e) => e.seq) : outcome.status;
      };
      expect(await seqs(0, 3)).toEqual([1, 2, 3]);
      expect(await seqs(3, 3)).toEqual([4, 5, 6]);
      expect(await seqs(6, 3)).toEqual([7]);
      expect(await seqs(7, 3)).toEqual([]);
      expect(await seqs(100, 3)).toEqual([]);
      expect(await seqs(2, 100)).toEqual([3, 4, 5, 6, 7]);
      expect(await seqs(0, 1)).toEqual([1]);
      expect(await rooms.log(room.ref)).toEqual(log);
    });

    it('is room_not_found for a missing room or another incarnation', async () => {
      const room = await rooms.pair();
      await rooms.fill(room, 1);
      expect(await rooms.read({ roomId: newRoomId(), incarnation: 'x' })).toEqual({
        status: 'room_not_found',
      });
      expect(await rooms.read({ ...room.ref, incarnation: 'other' })).toEqual({
        status: 'room_not_found',
      });
    });
  });

  describe('getRoom', () => {
    it('is null for a missing room', async () => {
      expect(await store().getRoom(newRoomId())).toBeNull();
    });

    it('tracks lastSeq and lastActiveAt through appends, not through reads', async () => {
      const room = await rooms.pair();
      const { roomId } = room.ref;
      expect(await store().getRoom(roomId)).toMatchObject({
        createdAt: T,
        lastActiveAt: T + 1,
        lastSeq: 0,
      });
      await rooms.append(room.holder(0), envelope(), T + HOUR);
      expect(await store().getRoom(roomId)).toMatchObject({
        createdAt: T,
        lastActiveAt: T + HOUR,
        lastSeq: 1,
      });
      await rooms.read(room.ref, 0, 10, T + 2 * HOUR);
      await rooms.append(room.holder(1), envelope(), T + 3 * HOUR);
      expect(await store().getRoom(roomId)).toMatchObject({
        createdAt: T,
        lastActiveAt: T + 3 * HOUR,
        lastSeq: 2,
      });
    });
  });
}
