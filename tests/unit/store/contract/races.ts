import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoomStore } from '../../../../server/store/room-store.ts';
import type { OutgoingEnvelope } from '../../../../shared/protocol.ts';
import { newRoomId } from '../../../support/ids.ts';
import {
  PROVEN,
  Rooms,
  T,
  appended,
  at,
  envelope,
  newCredential,
  roomOf,
  seatOf,
} from './support.ts';

/**
 * Starts every operation in the order given, without awaiting any before the next starts, and
 * resolves with their results in that order. A store may run them in any order it likes; the
 * assertions below hold for every order, and each race is started in several orders.
 */
function startTogether<T extends readonly (() => Promise<unknown>)[]>(
  operations: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  return Promise.all(operations.map((operation) => operation())) as Promise<{
    -readonly [K in keyof T]: Awaited<ReturnType<T[K]>>;
  }>;
}

/** Every order of `items`. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Calls started together: each call is one atomic step, whatever the order they land in. */
export function describeRaceContract(store: () => RoomStore): void {
  const rooms = new Rooms(store);

  describe('calls racing each other', () => {
    it.each(orders(['stale append', 'delete', 'create again'] as const))(
      'R5: a stale append racing the delete and re-creation of its room never lands in the new one (%s, %s, %s)',
      async (...order) => {
        const alice = newCredential();
        const old = await rooms.with([alice, newCredential()]);
        await rooms.fill(old, 2);
        const stale = envelope();
        const operations = {
          'stale append': () => rooms.append(old.holder(1), stale, T + 200),
          delete: () => store().deleteRoom(old.ref),
          'create again': () =>
            store().claimSeat({
              roomId: old.ref.roomId,
              credential: alice,
              createIfMissing: true,
              access: PROVEN,
              knownIncarnation: null,
              at: at(T + 200),
            }),
        };
        await startTogether(order.map((name) => operations[name]));

        // Whatever happened first, the old incarnation is gone, and whatever room stands under
        // the id now (if any) is another incarnation holding nothing the old holder sent.
        await rooms.expectGone(old, T + 200);
        const now = await store().getRoom(old.ref.roomId);
        if (now !== null) {
          expect(now.incarnation).not.toBe(old.ref.incarnation);
          const log = await rooms.log(now, T + 200);
          expect(log.map((e) => e.eventId)).not.toContain(stale.eventId);
          expect(now.lastSeq).toBe(log.length);
        }
      },
    );

    it.each([['append first'], ['delete first']] as const)(
      'R6: an append racing the deletion of its room is stored in full and deleted, or refused (%s)',
      async (first) => {
        const room = await rooms.pair();
        await rooms.fill(room, 1);
        const append = () => rooms.append(room.holder(0), envelope(), T + 200);
        const remove = () => store().deleteRoom(room.ref);
        const [appendOutcome, removed] =
          first === 'append first'
            ? await startTogether([append, remove] as const)
            : (await startTogether([remove, append] as const)).reverse();
        expect(removed).toBe(true);
        expect(['appended', 'room_not_found']).toContain(
          (appendOutcome as { status: string }).status,
        );
        expect(await store().getRoom(room.ref.roomId)).toBeNull();
        await rooms.expectGone(room, T + 200);
      },
    );

    it('R6: two deletions of one room racing: exactly one removes it', async () => {
      const room = await rooms.pair();
      const removed = await startTogether([
        () => store().deleteRoom(room.ref),
        () => store().deleteRoom(room.ref),
      ]);
      expect(removed.sort()).toEqual([false, true]);
    });

    it('R1: appends racing from both seats get distinct, dense sequence numbers', async () => {
      const room = await rooms.pair();
      const count = 40;
      const sent = Array.from({ length: count }, () => envelope());
      const outcomes = await startTogether(
        sent.map((e, i) => () => rooms.append(room.holder(i % 2 === 0 ? 0 : 1), e)),
      );
      const stored = outcomes.map(appended);
      expect(stored.map((s) => s.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: count }, (_, i) => i + 1),
      );
      stored.forEach((s, i) => {
        expect(s.eventId).toBe(sent[i]?.eventId);
      });
      expect(await rooms.log(room.ref)).toEqual([...stored].sort((a, b) => a.seq - b.seq));
      expect(await store().getRoom(room.ref.roomId)).toMatchObject({ lastSeq: count });
    });

    it('R2: a retry racing its original is stored exactly once', async () => {
      const room = await rooms.pair();
      const e = envelope({ notify: true });
      const outcomes = await startTogether([
        () => rooms.append(room.holder(1), e),
        () => rooms.append(room.holder(1), e),
        () => rooms.append(room.holder(1), e),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['appended', 'duplicate', 'duplicate']);
      expect(outcomes.map((o) => ('envelope' in o ? o.envelope.seq : 0))).toEqual([1, 1, 1]);
      expect(await rooms.log(room.ref)).toHaveLength(1);
    });

    it('R1 R2: any mix of racing sends and retries from both seats leaves a gap-free log, each event once', async () => {
      // Each step names an event (by index) and the seat that sends it; an index sent again by
      // its seat is a retry, by the other seat a conflicting reuse.
      const steps = fc.array(fc.record({ event: fc.nat(7), seat: fc.constantFrom(0, 1) }), {
        minLength: 1,
        maxLength: 24,
      });
      await fc.assert(
        fc.asyncProperty(steps, async (plan) => {
          const room = await rooms.pair();
          const events: OutgoingEnvelope[] = Array.from({ length: 8 }, () => envelope());
          const outcomes = await startTogether(
            plan.map(({ event, seat }) => () => {
              const sent = events[event];
              if (sent === undefined) throw new Error('no such event');
              return rooms.append(room.holder(seat === 0 ? 0 : 1), sent);
            }),
          );
          const log = await rooms.log(room.ref);
          expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
          expect(new Set(log.map((e) => e.eventId)).size).toBe(log.length);
          outcomes.forEach((outcome, i) => {
            const step = plan[i];
            const stored = log.find((e) => e.eventId === events[step?.event ?? -1]?.eventId);
            if (stored === undefined) throw new Error('a sent event is missing from the log');
            // The first sender of an event owns it; the same seat again is a duplicate of it.
            if (outcome.status === 'conflict') expect(stored.seat).not.toBe(step?.seat);
            else expect(outcome).toMatchObject({ envelope: stored });
          });
          expect(outcomes.filter((o) => o.status === 'appended')).toHaveLength(log.length);
        }),
        { numRuns: 15 },
      );
    });

    it('a read racing appends sees a gap-free prefix of the log', async () => {
      const room = await rooms.pair();
      const results = await startTogether(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0 ? () => rooms.append(room.holder(0)) : () => rooms.read(room.ref),
        ),
      );
      for (const result of results) {
        if (result.status !== 'ok') continue;
        expect(result.envelopes.map((e) => e.seq)).toEqual(result.envelopes.map((_, i) => i + 1));
      }
    });

    it('gives the last seat to exactly one of two racing members', async () => {
      const alice = newCredential();
      const racers = [newCredential(), newCredential()] as const;
      const room = await rooms.with([alice]);
      const outcomes = await startTogether(
        racers.map(
          (credential) => () =>
            store().claimSeat({
              roomId: room.ref.roomId,
              credential,
              createIfMissing: false,
              access: PROVEN,
              knownIncarnation: null,
              at: at(T + 10),
            }),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['claimed', 'room_full']);
      const winner = outcomes.findIndex((o) => o.status === 'claimed');
      expect(seatOf(outcomes[winner] ?? { status: 'room_full' })).toBe(1);
      expect((await store().getRoom(room.ref.roomId))?.seats).toEqual([alice, racers[winner]]);
    });

    it('lets one of two racing creators create and seats the other, in one incarnation', async () => {
      const roomId = newRoomId();
      const racers = [newCredential(), newCredential()];
      const outcomes = await startTogether(
        racers.map(
          (credential) => () =>
            store().claimSeat({
              roomId,
              credential,
              createIfMissing: true,
              access: PROVEN,
              knownIncarnation: null,
              at: at(T),
            }),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['claimed', 'created']);
      expect(outcomes.map(seatOf).sort()).toEqual([0, 1]);
      expect(new Set(outcomes.map((o) => roomOf(o).incarnation)).size).toBe(1);
      const seats = (await store().getRoom(roomId))?.seats ?? [];
      expect(new Set(seats.map((s) => s?.memberId))).toEqual(
        new Set(racers.map((r) => r.memberId)),
      );
    });

    it.each([['claim first'], ['delete first']] as const)(
      'R5: a claim racing the deletion of its room never seats anyone in a room that is gone (%s)',
      async (first) => {
        const room = await rooms.with([newCredential()]);
        const claim = () =>
          store().claimSeat({
            roomId: room.ref.roomId,
            credential: newCredential(),
            createIfMissing: false,
            access: PROVEN,
            knownIncarnation: null,
            at: at(T + 10),
          });
        const remove = () => store().deleteRoom(room.ref);
        await (first === 'claim first'
          ? startTogether([claim, remove])
          : startTogether([remove, claim]));
        expect(await store().getRoom(room.ref.roomId)).toBeNull();
      },
    );
  });
}
