import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { momentAt, refOf } from '../../../../server/store/lifetime.ts';
import type { RoomLifetime } from '../../../../server/store/lifetime.ts';
import type {
  AppendOutcome,
  ClaimOutcome,
  JoinAccess,
  Moment,
  RoomRecord,
  RoomRef,
  RoomStore,
  SeatCredential,
  SeatHolder,
} from '../../../../server/store/room-store.ts';
import type { Seat } from '../../../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../../../shared/protocol.ts';
import { newEventId, newMemberId, newMemberSecret, newRoomId } from '../../../support/ids.ts';

/** A fixed clock: the contract never reads wall-clock time. */
export const T = 1_700_000_000_000;
export const HOUR = 3_600_000;

/** Short lifetimes, so the contract can step past them: idle 10 h, at most 100 h in all. */
export const LIFETIME: RoomLifetime = { idleMs: 10 * HOUR, maxAgeMs: 100 * HOUR };

/** The moment `time` under the contract's lifetime. */
export const at = (time: number): Moment => momentAt(time, LIFETIME);

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A join verifier, as a phone's join key would be (43 base64url characters). */
export const TEST_VERIFIER = 'J'.repeat(43);

/**
 * A claim whose join proof the server found valid against TEST_VERIFIER, and which makes its
 * room with it: what every claim of a well-behaved phone looks like to the store.
 */
export const PROVEN: JoinAccess = { provenVerifier: TEST_VERIFIER, newVerifier: TEST_VERIFIER };

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

export { refOf };

export function seatOf(outcome: ClaimOutcome): Seat {
  if (!('seat' in outcome)) throw new Error(`expected a seat, got ${outcome.status}`);
  return outcome.seat;
}

export function roomOf(outcome: ClaimOutcome): RoomRecord {
  if (!('room' in outcome) || outcome.status === 'ended') {
    throw new Error(`expected a room, got ${outcome.status}`);
  }
  return outcome.room;
}

export function appended(outcome: AppendOutcome): StoredEnvelope {
  if (outcome.status !== 'appended') throw new Error(`expected appended, got ${outcome.status}`);
  return outcome.envelope;
}

/** A room made through the store, with the holders of its seats in the order they were taken. */
export interface TestRoom {
  readonly ref: RoomRef;
  readonly holders: readonly SeatHolder[];
  /** The holder of seat `seat`. */
  holder(seat: Seat): SeatHolder;
}

/** The store operations the contract repeats, on one store. */
export class Rooms {
  constructor(readonly store: () => RoomStore) {}

  /** A room with the given members seated in order, the first creating it at time `from`. */
  async with(members: readonly SeatCredential[], from = T): Promise<TestRoom> {
    const [first, ...rest] = members;
    if (first === undefined) throw new Error('a room needs a creator');
    const created = await this.store().claimSeat({
      roomId: newRoomId(),
      credential: first,
      createIfMissing: true,
      access: PROVEN,
      knownIncarnation: null,
      at: at(from),
    });
    const ref = refOf(roomOf(created));
    const holders: SeatHolder[] = [{ room: ref, seat: 0, memberId: first.memberId }];
    for (const [i, credential] of rest.entries()) {
      const outcome = await this.store().claimSeat({
        roomId: ref.roomId,
        credential,
        createIfMissing: false,
        access: PROVEN,
        knownIncarnation: null,
        at: at(from + i + 1),
      });
      holders.push({ room: ref, seat: seatOf(outcome), memberId: credential.memberId });
    }
    return {
      ref,
      holders,
      holder: (seat) => {
        const found = holders.find((holder) => holder.seat === seat);
        if (found === undefined) throw new Error(`seat ${String(seat)} is not taken`);
        return found;
      },
    };
  }

  /** A room with two members seated. */
  pair(from = T): Promise<TestRoom> {
    return this.with([newCredential(), newCredential()], from);
  }

  append(by: SeatHolder, sent: OutgoingEnvelope = envelope(), time = T + 100) {
    return this.store().append({ by, envelope: sent, at: at(time) });
  }

  /** Appends `count` envelopes, alternating between the room's holders, at T + 100 + i. */
  async fill(room: TestRoom, count: number): Promise<StoredEnvelope[]> {
    const out: StoredEnvelope[] = [];
    for (let i = 0; i < count; i += 1) {
      const by = room.holders[i % room.holders.length];
      if (by === undefined) throw new Error('no holder');
      out.push(appended(await this.append(by, envelope(), T + 100 + i)));
    }
    return out;
  }

  /** Asks to keep the room until `until`, as `by`, at `time`. */
  keep(by: SeatHolder, until: number, time = T + 100) {
    return this.store().keepRoom({ by, until, at: at(time) });
  }

  read(room: RoomRef, afterSeq = 0, limit = 1000, time = T + 100) {
    return this.store().readAfter({ room, afterSeq, limit, at: at(time) });
  }

  /** The whole log of a live incarnation. */
  async log(room: RoomRef, time = T + 100): Promise<StoredEnvelope[]> {
    const outcome = await this.read(room, 0, 100_000, time);
    if (outcome.status !== 'ok') throw new Error(`expected a log, got ${outcome.status}`);
    return outcome.envelopes;
  }

  /** Asserts the incarnation is gone: not readable, not writable, not the room under its id. */
  async expectGone(room: TestRoom, time = T + 100): Promise<void> {
    expect(await this.read(room.ref, 0, 10, time)).toEqual({ status: 'room_not_found' });
    expect(await this.append(room.holder(0), envelope(), time)).toEqual({
      status: 'room_not_found',
    });
    expect((await this.store().getRoom(room.ref.roomId))?.incarnation).not.toBe(
      room.ref.incarnation,
    );
  }
}
