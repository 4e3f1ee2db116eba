import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoomStore } from '../../../../server/store/room-store.ts';
import { HOUR, LIFETIME, Rooms, T, at, envelope, newCredential } from './support.ts';

/** The pair's last activity (the second claim), and the latest a room made at T may live. */
const LAST_ACTIVE = T + 1;
const MAX_AGE_END = T + LIFETIME.maxAgeMs;

/** Another room id of the same shape: its first character always differs (x, or y for an x). */
const otherRoomId = (roomId: string): string =>
  `${roomId.startsWith('x') ? 'y' : 'x'}${roomId.slice(1)}`;

/**
 * keepRoom: phones ask to keep their room until a time (follow-ups). The room is then idle from
 * that time, not before it; the maximum age still ends it; and only a holder of a seat in that
 * incarnation of a live room can ask.
 */
export function describeKeepContract(store: () => RoomStore): void {
  const rooms = new Rooms(store);

  describe('keepRoom', () => {
    it('keeps a room until a time within its maximum age, and nothing else changes', async () => {
      const room = await rooms.pair();
      await rooms.fill(room, 2);
      const before = await store().getRoom(room.ref.roomId);
      const until = T + 50 * HOUR;
      expect(await rooms.keep(room.holder(1), until, T + 200)).toEqual({
        status: 'kept',
        keptUntil: until,
      });
      // Not activity: lastActiveAt stays at the last append, the log as it was.
      expect(await store().getRoom(room.ref.roomId)).toEqual({ ...before, keepUntil: until });
      expect(await rooms.log(room.ref, T + 200)).toHaveLength(2);
    });

    it('caps a time past the maximum age at the maximum age', async () => {
      const room = await rooms.pair();
      for (const until of [MAX_AGE_END + 1, MAX_AGE_END + 1000 * HOUR, Number.MAX_SAFE_INTEGER]) {
        expect(await rooms.keep(room.holder(0), until, T + 3 * HOUR)).toEqual({
          status: 'kept',
          keptUntil: MAX_AGE_END,
        });
        expect(await store().getRoom(room.ref.roomId)).toMatchObject({ keepUntil: MAX_AGE_END });
      }
      expect(await rooms.keep(room.holder(0), MAX_AGE_END, T + 3 * HOUR)).toEqual({
        status: 'kept',
        keptUntil: MAX_AGE_END,
      });
    });

    it('lowers it when asked for an earlier time, down to none (0)', async () => {
      const room = await rooms.pair();
      for (const until of [T + 80 * HOUR, T + 20 * HOUR, T + 30 * HOUR, 0]) {
        expect(await rooms.keep(room.holder(0), until)).toEqual({
          status: 'kept',
          keptUntil: until,
        });
        expect(await store().getRoom(room.ref.roomId)).toMatchObject({ keepUntil: until });
      }
    });

    it('asked again for the same time, changes nothing', async () => {
      const room = await rooms.pair();
      const until = T + 40 * HOUR;
      await rooms.keep(room.holder(0), until, T + 10);
      const once = await store().getRoom(room.ref.roomId);
      expect(await rooms.keep(room.holder(0), until, T + 20)).toEqual({
        status: 'kept',
        keptUntil: until,
      });
      expect(await store().getRoom(room.ref.roomId)).toEqual(once);
    });

    it('lets a kept room live past its idle time, until the time kept plus the idle time', async () => {
      const room = await rooms.pair();
      const until = LAST_ACTIVE + 3 * LIFETIME.idleMs;
      await rooms.keep(room.holder(0), until, T + 2);
      // Unkept, it would have expired here.
      const wouldHaveExpired = LAST_ACTIVE + LIFETIME.idleMs + 1;
      expect((await rooms.read(room.ref, 0, 10, wouldHaveExpired)).status).toBe('ok');
      expect(await store().listEnded(at(wouldHaveExpired), 10)).toEqual([]);

      const edge = until + LIFETIME.idleMs;
      expect((await rooms.read(room.ref, 0, 10, edge)).status).toBe('ok');
      expect(await store().listEnded(at(edge), 10)).toEqual([]);
      const ended = { status: 'ended', room: room.ref, reason: 'expired' };
      expect(await rooms.read(room.ref, 0, 10, edge + 1)).toEqual(ended);
      expect(await rooms.append(room.holder(1), envelope(), edge + 1)).toEqual(ended);
      expect(await store().listEnded(at(edge + 1), 10)).toEqual([ended]);
    });

    it('lowered below the last activity, leaves the room idle from its activity', async () => {
      const room = await rooms.pair();
      await rooms.keep(room.holder(0), T + 50 * HOUR, T + 2);
      await rooms.keep(room.holder(0), 0, T + 3);
      const expires = LAST_ACTIVE + LIFETIME.idleMs + 1;
      expect(await rooms.read(room.ref, 0, 10, expires)).toEqual({
        status: 'ended',
        room: room.ref,
        reason: 'expired',
      });
    });

    it('never keeps a room past its maximum age: max_age', async () => {
      const room = await rooms.pair();
      await rooms.keep(room.holder(0), MAX_AGE_END, T + 2);
      expect((await rooms.read(room.ref, 0, 10, MAX_AGE_END)).status).toBe('ok');
      const ended = { status: 'ended', room: room.ref, reason: 'max_age' };
      expect(await rooms.read(room.ref, 0, 10, MAX_AGE_END + 1)).toEqual(ended);
      expect(await store().listEnded(at(MAX_AGE_END + 1), 10)).toEqual([ended]);
    });

    it('R4: is refused for a room that is over, which it does not bring back', async () => {
      const room = await rooms.pair();
      const before = await store().getRoom(room.ref.roomId);
      const late = LAST_ACTIVE + LIFETIME.idleMs + 1;
      expect(await rooms.keep(room.holder(0), late + 50 * HOUR, late)).toEqual({
        status: 'ended',
        room: room.ref,
        reason: 'expired',
      });
      expect(await store().getRoom(room.ref.roomId)).toEqual(before);
      expect((await rooms.read(room.ref, 0, 10, late)).status).toBe('ended');
    });

    it('R4 R5: is refused to a holder of another incarnation, a seat not held, or a room gone, and changes nothing', async () => {
      const alice = newCredential();
      const room = await rooms.with([alice]);
      const holder = room.holder(0);
      const before = await store().getRoom(room.ref.roomId);
      const strangers = [
        { ...holder, room: { ...room.ref, incarnation: 'old' } },
        { ...holder, memberId: newCredential().memberId },
        { ...holder, seat: 1 as const },
        { ...holder, room: { ...room.ref, roomId: otherRoomId(room.ref.roomId) } },
      ];
      for (const by of strangers) {
        expect(await rooms.keep(by, T + 50 * HOUR)).toEqual({ status: 'room_not_found' });
      }
      expect(await store().getRoom(room.ref.roomId)).toEqual(before);

      await store().deleteRoom(room.ref);
      expect(await rooms.keep(holder, T + 50 * HOUR)).toEqual({ status: 'room_not_found' });
      expect(await store().getRoom(room.ref.roomId)).toBeNull();
    });

    it('listEnded fills its limit with rooms that are over, not with kept ones idle by activity', async () => {
      // Kept rooms made first, so a query that picked rooms by activity alone would reach them
      // first and spend its limit on them.
      for (let i = 0; i < 3; i += 1) {
        const kept = await rooms.with([newCredential()]);
        await rooms.keep(kept.holder(0), T + 50 * HOUR, T + 1);
      }
      const idle = await rooms.with([newCredential()], T + 1);
      const now = T + 1 + LIFETIME.idleMs + 1;
      expect(await store().listEnded(at(now), 1)).toEqual([
        { status: 'ended', room: idle.ref, reason: 'expired' },
      ]);
    });

    it('listEnded names exactly the rooms every other call finds over, whatever was kept', async () => {
      // Rooms made at T + made, kept (or not) until a time, asked at some moment, and whether
      // each is over is then read at a later moment: listEnded and the reads must agree.
      const plan = fc.array(
        fc.record({
          made: fc.nat(20 * HOUR),
          until: fc.option(fc.nat(200 * HOUR), { nil: null }),
        }),
        { minLength: 1, maxLength: 6 },
      );
      await fc.assert(
        fc.asyncProperty(plan, fc.nat(160 * HOUR), async (planned, later) => {
          const made = await Promise.all(
            planned.map(async ({ made: offset, until }) => {
              const room = await rooms.with([newCredential()], T + offset);
              if (until !== null) await rooms.keep(room.holder(0), T + until, T + offset);
              return room;
            }),
          );
          const now = T + 20 * HOUR + later;
          const listed = await store().listEnded(at(now), 1000);
          for (const room of made) {
            const read = await rooms.read(room.ref, 0, 1, now);
            const found = listed.find((ended) => ended.room.incarnation === room.ref.incarnation);
            expect(found ?? { status: 'ok' }).toEqual(
              read.status === 'ok' ? { status: 'ok' } : read,
            );
          }
          await Promise.all(made.map((room) => store().deleteRoom(room.ref)));
        }),
        { numRuns: 25 },
      );
    });
  });
}
