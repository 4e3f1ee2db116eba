import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Seat } from '../../../shared/ids.ts';
import { StoredEnvelope } from '../../../shared/protocol.ts';
import type { OutgoingEnvelope } from '../../../shared/protocol.ts';
import type {
  AppendOutcome,
  ClaimOutcome,
  RoomStore,
  SeatCredential,
} from '../../../server/store/room-store.ts';
import { newEventId, newMemberId, newMemberSecret, newRoomId } from '../../support/ids.ts';

export interface StoreUnderTest {
  readonly store: RoomStore;
  /** Runs after `store.close()`: remove files, flush keys, stop containers. */
  readonly cleanup?: () => Promise<void>;
}

/** A fixed clock: the contract never reads wall-clock time. */
const T = 1_700_000_000_000;
const HOUR = 3_600_000;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export const newCredential = (): SeatCredential => ({
  memberId: newMemberId(),
  secretHash: sha256Hex(newMemberSecret()),
});

export const envelope = (fields: Partial<OutgoingEnvelope> = {}): OutgoingEnvelope => ({
  eventId: newEventId(),
  ciphertext: `AQID${newEventId()}`,
  notify: false,
  ...fields,
});

function seatOf(outcome: ClaimOutcome): Seat {
  if (!('seat' in outcome)) throw new Error(`expected a seat, got ${outcome.status}`);
  return outcome.seat;
}

function appended(outcome: AppendOutcome) {
  if (outcome.status !== 'appended') throw new Error(`expected appended, got ${outcome.status}`);
  return outcome.envelope;
}

/**
 * The behaviour every RoomStore must share, whatever it is built on. `makeStore` must return an
 * empty store that no other test touches (purge returns the ids of every room it removed); the suite closes it after each
 * test and then calls `cleanup`.
 */
export function describeRoomStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
): void {
  describe(`RoomStore contract: ${name}`, () => {
    let subject: StoreUnderTest | undefined;

    const store = (): RoomStore => {
      if (subject === undefined) throw new Error('the store is not ready');
      return subject.store;
    };

    beforeEach(async () => {
      subject = await makeStore();
    });

    afterEach(async () => {
      const current = subject;
      subject = undefined;
      if (current === undefined) return;
      await current.store.close();
      await current.cleanup?.();
    });

    /** A room with the given members seated in order, the first creating it at time T. */
    async function roomWith(...members: SeatCredential[]): Promise<string> {
      const roomId = newRoomId();
      for (const [i, credential] of members.entries()) {
        await store().claimSeat({ roomId, credential, createIfMissing: i === 0, now: T + i });
      }
      return roomId;
    }

    /** Appends `count` envelopes, alternating seats, at T + 100 + i. */
    async function fill(roomId: string, count: number) {
      const out = [];
      for (let i = 0; i < count; i += 1) {
        out.push(appended(await store().append(roomId, (i % 2) as Seat, envelope(), T + 100 + i)));
      }
      return out;
    }

    describe('claimSeat', () => {
      it('creates a missing room with the creator in seat 0', async () => {
        const roomId = newRoomId();
        const alice = newCredential();
        const outcome = await store().claimSeat({
          roomId,
          credential: alice,
          createIfMissing: true,
          now: T,
        });
        const room = { roomId, createdAt: T, lastActiveAt: T, lastSeq: 0, seats: [alice, null] };
        expect(outcome).toEqual({ status: 'created', seat: 0, room });
        expect(await store().getRoom(roomId)).toEqual(room);
      });

      it('does not create a room unless asked: room_not_found', async () => {
        const roomId = newRoomId();
        const outcome = await store().claimSeat({
          roomId,
          credential: newCredential(),
          createIfMissing: false,
          now: T,
        });
        expect(outcome).toEqual({ status: 'room_not_found' });
        expect(await store().getRoom(roomId)).toBeNull();
      });

      it.each([false, true])(
        'gives a second member seat 1 (createIfMissing: %s)',
        async (createIfMissing) => {
          const alice = newCredential();
          const bob = newCredential();
          const roomId = await roomWith(alice);
          const outcome = await store().claimSeat({
            roomId,
            credential: bob,
            createIfMissing,
            now: T + 5,
          });
          const room = {
            roomId,
            createdAt: T,
            lastActiveAt: T + 5,
            lastSeq: 0,
            seats: [alice, bob],
          };
          expect(outcome).toEqual({ status: 'claimed', seat: 1, room });
          expect(await store().getRoom(roomId)).toEqual(room);
        },
      );

      it.each([false, true])(
        'refuses a third member: room_full (createIfMissing: %s)',
        async (createIfMissing) => {
          const roomId = await roomWith(newCredential(), newCredential());
          const before = await store().getRoom(roomId);
          const outcome = await store().claimSeat({
            roomId,
            credential: newCredential(),
            createIfMissing,
            now: T + 9,
          });
          expect(outcome).toEqual({ status: 'room_full' });
          expect(await store().getRoom(roomId)).toEqual(before);
        },
      );

      it.each([0, 1] as const)(
        'returns a member to seat %d with the right secret',
        async (seat) => {
          const members = [newCredential(), newCredential()] as const;
          const roomId = await roomWith(...members);
          const outcome = await store().claimSeat({
            roomId,
            // A fresh object with the same values: stores compare by value.
            credential: { ...members[seat] },
            createIfMissing: false,
            now: T + 50,
          });
          expect(outcome).toMatchObject({ status: 'returned', seat });
          expect(await store().getRoom(roomId)).toMatchObject({
            lastActiveAt: T + 50,
            seats: [members[0], members[1]],
          });
        },
      );

      it('returns the creator to seat 0 when it asks to create again', async () => {
        const alice = newCredential();
        const roomId = await roomWith(alice);
        const outcome = await store().claimSeat({
          roomId,
          credential: alice,
          createIfMissing: true,
          now: T + 7,
        });
        expect(outcome).toEqual({
          status: 'returned',
          seat: 0,
          room: { roomId, createdAt: T, lastActiveAt: T + 7, lastSeq: 0, seats: [alice, null] },
        });
      });

      it.each([0, 1] as const)(
        'refuses the member of seat %d with a wrong secret: unauthorized',
        async (seat) => {
          const members = [newCredential(), newCredential()] as const;
          const roomId = await roomWith(...members);
          const before = await store().getRoom(roomId);
          const impostor = { memberId: members[seat].memberId, secretHash: sha256Hex('guess') };
          for (const createIfMissing of [false, true]) {
            const outcome = await store().claimSeat({
              roomId,
              credential: impostor,
              createIfMissing,
              now: T + 60,
            });
            expect(outcome).toEqual({ status: 'unauthorized' });
          }
          expect(await store().getRoom(roomId)).toEqual(before);
        },
      );

      it('does not let a known member with a wrong secret take the free seat', async () => {
        const alice = newCredential();
        const roomId = await roomWith(alice);
        const outcome = await store().claimSeat({
          roomId,
          credential: { memberId: alice.memberId, secretHash: sha256Hex('guess') },
          createIfMissing: false,
          now: T + 1,
        });
        expect(outcome).toEqual({ status: 'unauthorized' });
        expect((await store().getRoom(roomId))?.seats).toEqual([alice, null]);
      });

      it('gives the last seat to exactly one of two racing members', async () => {
        const alice = newCredential();
        const racers = [newCredential(), newCredential()] as const;
        const roomId = await roomWith(alice);
        const outcomes = await Promise.all(
          racers.map((credential) =>
            store().claimSeat({ roomId, credential, createIfMissing: false, now: T + 10 }),
          ),
        );
        const statuses = outcomes.map((o) => o.status).sort();
        expect(statuses).toEqual(['claimed', 'room_full']);
        const winner = outcomes.findIndex((o) => o.status === 'claimed');
        expect(seatOf(outcomes[winner] ?? { status: 'room_full' })).toBe(1);
        expect((await store().getRoom(roomId))?.seats).toEqual([alice, racers[winner]]);
      });

      it('lets one of two racing creators create and seats the other', async () => {
        const roomId = newRoomId();
        const racers = [newCredential(), newCredential()];
        const outcomes = await Promise.all(
          racers.map((credential) =>
            store().claimSeat({ roomId, credential, createIfMissing: true, now: T }),
          ),
        );
        expect(outcomes.map((o) => o.status).sort()).toEqual(['claimed', 'created']);
        expect(outcomes.map(seatOf).sort()).toEqual([0, 1]);
        const room = await store().getRoom(roomId);
        const seats = room?.seats ?? [];
        expect(new Set(seats.map((s) => s?.memberId))).toEqual(
          new Set(racers.map((r) => r.memberId)),
        );
      });
    });

    describe('append', () => {
      it('assigns dense sequence numbers from 1 and stores what it was given', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        const sent = [envelope({ notify: true }), envelope(), envelope(), envelope()];
        const seats: Seat[] = [0, 1, 1, 0];
        const stored = [];
        for (const [i, e] of sent.entries()) {
          stored.push(appended(await store().append(roomId, seats[i] ?? 0, e, T + 100 + i)));
        }
        expect(stored).toEqual(
          sent.map((e, i) => ({ ...e, seq: i + 1, seat: seats[i], storedAt: T + 100 + i })),
        );
        for (const s of stored) expect(StoredEnvelope.safeParse(s).success).toBe(true);
      });

      it('dedups a retry from the same seat: the original, nothing new stored', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        const [, original] = await fill(roomId, 3);
        if (original === undefined) throw new Error('fill made too few');
        const retry = await store().append(
          roomId,
          original.seat,
          // A retry may even carry different bytes (a re-seal): the first one stands.
          { eventId: original.eventId, ciphertext: 'AAAA', notify: !original.notify },
          T + 500,
        );
        expect(retry).toEqual({ status: 'duplicate', envelope: original });
        expect(await store().readAfter(roomId, 0, 100)).toHaveLength(3);
        expect(await store().getRoom(roomId)).toMatchObject({ lastSeq: 3 });
        expect(appended(await store().append(roomId, 0, envelope(), T + 501)).seq).toBe(4);
      });

      it('refuses an event id that the other seat used: conflict', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        const first = appended(await store().append(roomId, 0, envelope(), T + 100));
        const outcome = await store().append(
          roomId,
          1,
          { eventId: first.eventId, ciphertext: 'BBBB', notify: true },
          T + 101,
        );
        expect(outcome).toEqual({ status: 'conflict' });
        expect(await store().readAfter(roomId, 0, 100)).toEqual([first]);
        expect(await store().getRoom(roomId)).toMatchObject({ lastSeq: 1 });
      });

      it('keeps event ids per room: the same id in another room is new', async () => {
        const roomA = await roomWith(newCredential());
        const roomB = await roomWith(newCredential());
        const e = envelope();
        expect(appended(await store().append(roomA, 0, e, T + 100)).seq).toBe(1);
        expect(appended(await store().append(roomB, 0, e, T + 100)).seq).toBe(1);
      });

      it('keeps sequence numbers per room', async () => {
        const roomA = await roomWith(newCredential());
        const roomB = await roomWith(newCredential());
        await fill(roomA, 3);
        expect(appended(await store().append(roomB, 0, envelope(), T + 200)).seq).toBe(1);
        expect(appended(await store().append(roomA, 0, envelope(), T + 200)).seq).toBe(4);
      });

      it('refuses a missing room: room_not_found, and creates nothing', async () => {
        const roomId = newRoomId();
        expect(await store().append(roomId, 0, envelope(), T)).toEqual({
          status: 'room_not_found',
        });
        expect(await store().getRoom(roomId)).toBeNull();
        expect(await store().readAfter(roomId, 0, 10)).toEqual([]);
      });

      it('gives concurrent appends distinct, dense sequence numbers', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        const count = 40;
        const sent = Array.from({ length: count }, () => envelope());
        const outcomes = await Promise.all(
          sent.map((e, i) => store().append(roomId, (i % 2) as Seat, e, T + 100)),
        );
        const stored = outcomes.map(appended);
        expect(stored.map((s) => s.seq).sort((a, b) => a - b)).toEqual(
          Array.from({ length: count }, (_, i) => i + 1),
        );
        stored.forEach((s, i) => {
          expect(s.eventId).toBe(sent[i]?.eventId);
        });
        const log = await store().readAfter(roomId, 0, count + 10);
        expect(log).toEqual([...stored].sort((a, b) => a.seq - b.seq));
        expect(await store().getRoom(roomId)).toMatchObject({ lastSeq: count });
      });

      it('stores a retry racing its original exactly once', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        const e = envelope({ notify: true });
        const outcomes = await Promise.all([
          store().append(roomId, 1, e, T + 100),
          store().append(roomId, 1, e, T + 100),
          store().append(roomId, 1, e, T + 100),
        ]);
        expect(outcomes.map((o) => o.status).sort()).toEqual([
          'appended',
          'duplicate',
          'duplicate',
        ]);
        const seqs = outcomes.map((o) => ('envelope' in o ? o.envelope.seq : 0));
        expect(seqs).toEqual([1, 1, 1]);
        expect(await store().readAfter(roomId, 0, 10)).toHaveLength(1);
      });
    });

    describe('readAfter', () => {
      it('pages through the log by afterSeq and limit', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        const log = await fill(roomId, 7);
        const seqs = async (afterSeq: number, limit: number) =>
          (await store().readAfter(roomId, afterSeq, limit)).map((e) => e.seq);
        expect(await seqs(0, 3)).toEqual([1, 2, 3]);
        expect(await seqs(3, 3)).toEqual([4, 5, 6]);
        expect(await seqs(6, 3)).toEqual([7]);
        expect(await seqs(7, 3)).toEqual([]);
        expect(await seqs(100, 3)).toEqual([]);
        expect(await seqs(2, 100)).toEqual([3, 4, 5, 6, 7]);
        expect(await seqs(0, 1)).toEqual([1]);
        expect(await store().readAfter(roomId, 0, 100)).toEqual(log);
      });

      it('returns nothing for a missing room', async () => {
        expect(await store().readAfter(newRoomId(), 0, 10)).toEqual([]);
      });
    });

    describe('getRoom', () => {
      it('is null for a missing room', async () => {
        expect(await store().getRoom(newRoomId())).toBeNull();
      });

      it('tracks lastSeq and lastActiveAt through appends', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        expect(await store().getRoom(roomId)).toMatchObject({
          createdAt: T,
          lastActiveAt: T + 1,
          lastSeq: 0,
        });
        await store().append(roomId, 0, envelope(), T + HOUR);
        expect(await store().getRoom(roomId)).toMatchObject({
          createdAt: T,
          lastActiveAt: T + HOUR,
          lastSeq: 1,
        });
        await store().append(roomId, 1, envelope(), T + 2 * HOUR);
        expect(await store().getRoom(roomId)).toMatchObject({
          createdAt: T,
          lastActiveAt: T + 2 * HOUR,
          lastSeq: 2,
        });
      });
    });

    describe('deleteRoom', () => {
      it('removes the room, its seats and its log, once', async () => {
        const alice = newCredential();
        const roomId = await roomWith(alice, newCredential());
        await fill(roomId, 3);
        expect(await store().deleteRoom(roomId)).toBe(true);
        expect(await store().deleteRoom(roomId)).toBe(false);
        expect(await store().getRoom(roomId)).toBeNull();
        expect(await store().readAfter(roomId, 0, 100)).toEqual([]);
        expect(await store().append(roomId, 0, envelope(), T + 300)).toEqual({
          status: 'room_not_found',
        });
        expect(
          await store().claimSeat({
            roomId,
            credential: alice,
            createIfMissing: false,
            now: T + 300,
          }),
        ).toEqual({ status: 'room_not_found' });
      });

      it('lets the id be created afresh afterwards, from seq 1', async () => {
        const roomId = await roomWith(newCredential(), newCredential());
        const [old] = await fill(roomId, 2);
        await store().deleteRoom(roomId);
        const carol = newCredential();
        const outcome = await store().claimSeat({
          roomId,
          credential: carol,
          createIfMissing: true,
          now: T + 400,
        });
        expect(outcome).toMatchObject({ status: 'created', seat: 0 });
        expect(await store().getRoom(roomId)).toMatchObject({ lastSeq: 0, seats: [carol, null] });
        // The old event id is forgotten too.
        const again = await store().append(
          roomId,
          0,
          { ...envelope(), eventId: old?.eventId ?? '' },
          T + 401,
        );
        expect(appended(again).seq).toBe(1);
      });

      it('is false for a room that never existed, and leaves others alone', async () => {
        const other = await roomWith(newCredential());
        await fill(other, 2);
        expect(await store().deleteRoom(newRoomId())).toBe(false);
        expect(await store().getRoom(other)).toMatchObject({ lastSeq: 2 });
        expect(await store().readAfter(other, 0, 10)).toHaveLength(2);
      });
    });

    describe('purgeIdleSince', () => {
      it('removes only rooms last active before the cutoff and names them', async () => {
        const claim = (roomId: string, now: number) =>
          store().claimSeat({ roomId, credential: newCredential(), createIfMissing: true, now });
        const [old, older, atCutoff, recent] = [newRoomId(), newRoomId(), newRoomId(), newRoomId()];
        await claim(older, T);
        await claim(old, T + HOUR);
        await claim(atCutoff, T + 2 * HOUR);
        await claim(recent, T + 3 * HOUR);
        await store().append(old, 0, envelope(), T + HOUR + 1);

        expect((await store().purgeIdleSince(T + 2 * HOUR)).sort()).toEqual([old, older].sort());
        expect(await store().getRoom(older)).toBeNull();
        expect(await store().getRoom(old)).toBeNull();
        expect(await store().readAfter(old, 0, 10)).toEqual([]);
        expect(await store().getRoom(atCutoff)).not.toBeNull();
        expect(await store().getRoom(recent)).not.toBeNull();
        expect(await store().purgeIdleSince(T + 2 * HOUR)).toEqual([]);
      });

      it('spares a room kept alive by appends or a returning member', async () => {
        const alice = newCredential();
        const byAppend = await roomWith(newCredential());
        const byReturn = await roomWith(alice);
        await store().append(byAppend, 0, envelope(), T + 5 * HOUR);
        await store().claimSeat({
          roomId: byReturn,
          credential: alice,
          createIfMissing: false,
          now: T + 5 * HOUR,
        });
        expect(await store().purgeIdleSince(T + 4 * HOUR)).toEqual([]);
        expect(await store().getRoom(byAppend)).not.toBeNull();
        expect(await store().getRoom(byReturn)).not.toBeNull();
      });

      it('removes nothing from an empty store', async () => {
        expect(await store().purgeIdleSince(T)).toEqual([]);
      });
    });
  });
}
