import type { Seat } from '../../shared/ids.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';
import type { PushSubscriptionJson } from '../../shared/push.ts';
import { decideSeat, isAnotherRoom, verifierToCreateWith } from './claim.ts';
import { endedAt, keepUntilAt, newIncarnation } from './lifetime.ts';
import type {
  AppendOutcome,
  AppendRequest,
  ClaimOutcome,
  ClaimRequest,
  Ended,
  KeepOutcome,
  KeepRequest,
  Moment,
  ReadOutcome,
  ReadRequest,
  RoomRecord,
  RoomRef,
  RoomStore,
  SeatCredential,
  SeatHolder,
} from './room-store.ts';
import { NOT_FOUND } from './room-store.ts';
import type {
  DueWake,
  PushWriteOutcome,
  SetSubscriptionRequest,
  SetWakesRequest,
  VapidKeys,
} from './push-store.ts';

/** A seat's push subscription and the wake times kept with it. */
interface PushSeat {
  readonly subscription: PushSubscriptionJson;
  wakes: number[];
}

interface MemoryRoom {
  record: RoomRecord;
  log: StoredEnvelope[];
  byEventId: Map<string, StoredEnvelope>;
  push: [PushSeat | null, PushSeat | null];
}

/**
 * Rooms in this process's memory: for tests and for trying the app (a restart forgets every
 * room). Each method runs to completion without awaiting, so it is atomic with respect to every
 * other call.
 */
export class MemoryRoomStore implements RoomStore {
  readonly #rooms = new Map<string, MemoryRoom>();
  /** Per process: a restart forgets the rooms, and the phones' subscriptions with them. */
  #vapidKeys: VapidKeys | null = null;

  claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    return Promise.resolve(this.#claim(request));
  }

  append({ by, envelope, at }: AppendRequest): Promise<AppendOutcome> {
    const room = this.#heldBy(by);
    if (room === undefined) return Promise.resolve(NOT_FOUND);
    const ended = endedAt(room.record, at);
    if (ended !== null) return Promise.resolve(ended);
    const existing = room.byEventId.get(envelope.eventId);
    if (existing !== undefined) {
      return Promise.resolve(
        existing.seat === by.seat
          ? { status: 'duplicate', envelope: existing }
          : { status: 'conflict' },
      );
    }
    const stored: StoredEnvelope = {
      seq: room.record.lastSeq + 1,
      eventId: envelope.eventId,
      seat: by.seat,
      ciphertext: envelope.ciphertext,
      notify: envelope.notify,
      storedAt: at.now,
    };
    room.log.push(stored);
    room.byEventId.set(stored.eventId, stored);
    room.record = { ...room.record, lastSeq: stored.seq, lastActiveAt: at.now };
    return Promise.resolve({ status: 'appended', envelope: stored });
  }

  keepRoom({ by, until, at }: KeepRequest): Promise<KeepOutcome> {
    const room = this.#heldBy(by);
    if (room === undefined) return Promise.resolve(NOT_FOUND);
    const ended = endedAt(room.record, at);
    if (ended !== null) return Promise.resolve(ended);
    const keepUntil = keepUntilAt(room.record.createdAt, until, at);
    room.record = { ...room.record, keepUntil };
    return Promise.resolve({ status: 'kept', keptUntil: keepUntil });
  }

  readAfter({ room: ref, afterSeq, limit, at }: ReadRequest): Promise<ReadOutcome> {
    const room = this.#incarnation(ref);
    if (room === undefined) return Promise.resolve(NOT_FOUND);
    const ended = endedAt(room.record, at);
    if (ended !== null) return Promise.resolve(ended);
    // Sequence numbers are dense from 1, so seq n sits at index n - 1.
    return Promise.resolve({ status: 'ok', envelopes: room.log.slice(afterSeq, afterSeq + limit) });
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return Promise.resolve(this.#rooms.get(roomId)?.record ?? null);
  }

  countRooms(): Promise<number> {
    return Promise.resolve(this.#rooms.size);
  }

  deleteRoom(ref: RoomRef): Promise<boolean> {
    if (this.#incarnation(ref) === undefined) return Promise.resolve(false);
    return Promise.resolve(this.#rooms.delete(ref.roomId));
  }

  listEnded(at: Moment, limit: number): Promise<Ended[]> {
    const ended: Ended[] = [];
    for (const { record } of this.#rooms.values()) {
      if (ended.length >= limit) break;
      const over = endedAt(record, at);
      if (over !== null) ended.push(over);
    }
    return Promise.resolve(ended);
  }

  setPushSubscription({ by, subscription, at }: SetSubscriptionRequest): Promise<PushWriteOutcome> {
    const room = this.#heldBy(by);
    if (room === undefined) return Promise.resolve(NOT_FOUND);
    const ended = endedAt(room.record, at);
    if (ended !== null) return Promise.resolve(ended);
    // A new subscription for the seat (the browser rotated it) keeps the wakes already asked for.
    const wakes = room.push[by.seat]?.wakes ?? [];
    this.#setPushSeat(room, by.seat, subscription === null ? null : { subscription, wakes });
    return Promise.resolve({ status: 'set' });
  }

  setWakes({ by, times, at }: SetWakesRequest): Promise<PushWriteOutcome> {
    const room = this.#heldBy(by);
    if (room === undefined) return Promise.resolve(NOT_FOUND);
    const ended = endedAt(room.record, at);
    if (ended !== null) return Promise.resolve(ended);
    const pushSeat = room.push[by.seat];
    if (pushSeat === null) return Promise.resolve({ status: 'not_subscribed' });
    pushSeat.wakes = [...new Set(times)];
    return Promise.resolve({ status: 'set' });
  }

  pushTargetOf(ref: RoomRef, seat: Seat): Promise<PushSubscriptionJson | null> {
    return Promise.resolve(this.#incarnation(ref)?.push[seat]?.subscription ?? null);
  }

  forgetSubscription(ref: RoomRef, seat: Seat, endpoint: string): Promise<boolean> {
    const room = this.#incarnation(ref);
    if (room?.push[seat]?.subscription.endpoint !== endpoint) return Promise.resolve(false);
    this.#setPushSeat(room, seat, null);
    return Promise.resolve(true);
  }

  takeDueWakes(now: number, limit: number): Promise<DueWake[]> {
    const due: DueWake[] = [];
    for (const { record, push } of this.#rooms.values()) {
      const room = { roomId: record.roomId, incarnation: record.incarnation };
      for (const seat of [0, 1] as const) {
        const pushSeat = push[seat];
        if (pushSeat === null) continue;
        const later: number[] = [];
        for (const at of pushSeat.wakes) {
          if (at <= now && due.length < limit) {
            due.push({ room, seat, subscription: pushSeat.subscription, at });
          } else {
            later.push(at);
          }
        }
        pushSeat.wakes = later;
      }
    }
    return Promise.resolve(due);
  }

  keepVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    this.#vapidKeys ??= candidate;
    return Promise.resolve(this.#vapidKeys);
  }

  close(): Promise<void> {
    this.#rooms.clear();
    return Promise.resolve();
  }

  /** Every stored byte of every room, for tests that prove the store holds no plaintext. */
  dumpForTests(): string {
    return JSON.stringify([...this.#rooms.values()].map(({ record, log }) => ({ record, log })));
  }

  #claim({
    roomId,
    credential,
    createIfMissing,
    access,
    knownIncarnation,
    at,
  }: ClaimRequest): ClaimOutcome {
    const room = this.#rooms.get(roomId);
    if (isAnotherRoom(knownIncarnation, room?.record.incarnation)) return NOT_FOUND;
    if (room === undefined) {
      if (!createIfMissing) return NOT_FOUND;
      const joinVerifier = verifierToCreateWith(access);
      if (joinVerifier === null) return { status: 'unauthorized', reason: 'join_proof' };
      const record: RoomRecord = {
        roomId,
        incarnation: newIncarnation(),
        createdAt: at.now,
        lastActiveAt: at.now,
        keepUntil: 0,
        lastSeq: 0,
        seats: [credential, null],
        joinVerifier,
        push: [false, false],
      };
      this.#rooms.set(roomId, { record, log: [], byEventId: new Map(), push: [null, null] });
      return { status: 'created', seat: 0, room: record };
    }
    const ended = endedAt(room.record, at);
    if (ended !== null) return ended;
    const decision = decideSeat(room.record, credential, access);
    switch (decision.kind) {
      case 'unauthorized':
        return { status: 'unauthorized', reason: decision.reason };
      case 'full':
        return { status: 'room_full' };
      case 'returning':
        room.record = { ...room.record, lastActiveAt: at.now };
        return { status: 'returned', seat: decision.seat, room: room.record };
      case 'take':
        room.record = {
          ...room.record,
          lastActiveAt: at.now,
          seats: withSeat(room.record.seats, decision.seat, credential),
        };
        return { status: 'claimed', seat: decision.seat, room: room.record };
    }
  }

  #setPushSeat(room: MemoryRoom, seat: Seat, pushSeat: PushSeat | null): void {
    room.push = seat === 0 ? [pushSeat, room.push[1]] : [room.push[0], pushSeat];
    room.record = { ...room.record, push: [room.push[0] !== null, room.push[1] !== null] };
  }

  /** The room if `by` still holds its seat in the incarnation it names. */
  #heldBy(by: SeatHolder): MemoryRoom | undefined {
    const room = this.#incarnation(by.room);
    return room?.record.seats[by.seat]?.memberId === by.memberId ? room : undefined;
  }

  /** The room if it is still the incarnation `ref` names. */
  #incarnation(ref: RoomRef): MemoryRoom | undefined {
    const room = this.#rooms.get(ref.roomId);
    return room?.record.incarnation === ref.incarnation ? room : undefined;
  }
}

function withSeat(
  seats: RoomRecord['seats'],
  seat: Seat,
  credential: SeatCredential,
): RoomRecord['seats'] {
  return seat === 0 ? [credential, seats[1]] : [seats[0], credential];
}
