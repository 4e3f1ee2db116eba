import type { Seat } from '../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../shared/protocol.ts';
import { decideSeat } from './claim.ts';
import type {
  AppendOutcome,
  ClaimOutcome,
  ClaimRequest,
  RoomRecord,
  RoomStore,
  SeatCredential,
} from './room-store.ts';

interface MemoryRoom {
  record: RoomRecord;
  log: StoredEnvelope[];
  byEventId: Map<string, StoredEnvelope>;
}

/**
 * Rooms in this process's memory: for tests and for trying the app. Each method runs to completion
 * without awaiting, so it is atomic with respect to every other call.
 */
export class MemoryRoomStore implements RoomStore {
  readonly #rooms = new Map<string, MemoryRoom>();

  claimSeat({ roomId, credential, createIfMissing, now }: ClaimRequest): Promise<ClaimOutcome> {
    const room = this.#rooms.get(roomId);
    if (room === undefined) {
      if (!createIfMissing) return Promise.resolve({ status: 'room_not_found' });
      const record: RoomRecord = {
        roomId,
        createdAt: now,
        lastActiveAt: now,
        lastSeq: 0,
        seats: [credential, null],
      };
      this.#rooms.set(roomId, { record, log: [], byEventId: new Map() });
      return Promise.resolve({ status: 'created', seat: 0, room: record });
    }
    const decision = decideSeat(room.record.seats, credential);
    switch (decision.kind) {
      case 'unauthorized':
        return Promise.resolve({ status: 'unauthorized' });
      case 'full':
        return Promise.resolve({ status: 'room_full' });
      case 'returning':
        room.record = { ...room.record, lastActiveAt: now };
        return Promise.resolve({ status: 'returned', seat: decision.seat, room: room.record });
      case 'take':
        room.record = {
          ...room.record,
          lastActiveAt: now,
          seats: withSeat(room.record.seats, decision.seat, credential),
        };
        return Promise.resolve({ status: 'claimed', seat: decision.seat, room: room.record });
    }
  }

  append(
    roomId: string,
    seat: Seat,
    envelope: OutgoingEnvelope,
    now: number,
  ): Promise<AppendOutcome> {
    const room = this.#rooms.get(roomId);
    if (room === undefined) return Promise.resolve({ status: 'room_not_found' });
    const existing = room.byEventId.get(envelope.eventId);
    if (existing !== undefined) {
      return Promise.resolve(
        existing.seat === seat
          ? { status: 'duplicate', envelope: existing }
          : { status: 'conflict' },
      );
    }
    const stored: StoredEnvelope = {
      seq: room.record.lastSeq + 1,
      eventId: envelope.eventId,
      seat,
      ciphertext: envelope.ciphertext,
      notify: envelope.notify,
      storedAt: now,
    };
    room.log.push(stored);
    room.byEventId.set(stored.eventId, stored);
    room.record = { ...room.record, lastSeq: stored.seq, lastActiveAt: now };
    return Promise.resolve({ status: 'appended', envelope: stored });
  }

  readAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    const log = this.#rooms.get(roomId)?.log ?? [];
    // Sequence numbers are dense from 1, so seq n sits at index n - 1.
    return Promise.resolve(log.slice(afterSeq, afterSeq + limit));
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return Promise.resolve(this.#rooms.get(roomId)?.record ?? null);
  }

  deleteRoom(roomId: string): Promise<boolean> {
    return Promise.resolve(this.#rooms.delete(roomId));
  }

  purgeIdleSince(cutoff: number): Promise<string[]> {
    const purged: string[] = [];
    for (const [roomId, room] of this.#rooms) {
      if (room.record.lastActiveAt < cutoff) {
        this.#rooms.delete(roomId);
        purged.push(roomId);
      }
    }
    return Promise.resolve(purged);
  }

  close(): Promise<void> {
    this.#rooms.clear();
    return Promise.resolve();
  }

  /** Every stored byte of every room, for tests that prove the store holds no plaintext. */
  dumpForTests(): string {
    return JSON.stringify([...this.#rooms.values()].map(({ record, log }) => ({ record, log })));
  }
}

function withSeat(
  seats: RoomRecord['seats'],
  seat: Seat,
  credential: SeatCredential,
): RoomRecord['seats'] {
  return seat === 0 ? [credential, seats[1]] : [seats[0], credential];
}
