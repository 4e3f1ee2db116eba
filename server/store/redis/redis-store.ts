import type { Redis } from 'ioredis';
import type { Seat } from '../../../shared/ids.ts';
import { PushSubscriptionJson } from '../../../shared/push.ts';
import { decideSeat, isAnotherRoom, verifierToCreateWith } from '../claim.ts';
import { endedAt, keepUntilAt, newIncarnation } from '../lifetime.ts';
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
  RoomNotFound,
  RoomRecord,
  RoomRef,
  RoomStore,
  SeatHolder,
} from '../room-store.ts';
import { NOT_FOUND, StoreUnavailableError } from '../room-store.ts';
import type {
  DueWake,
  PushWriteOutcome,
  SetSubscriptionRequest,
  SetWakesRequest,
  VapidKeys,
} from '../push-store.ts';
import type { PushWriteReply } from './push-scripts.ts';
import { RedisPushRows } from './push-scripts.ts';
import { storeErrorOf } from './errors.ts';
import type { ReadRoom } from './record.ts';
import { bodyOf, envelopeOf, fieldsOf, roomOf } from './record.ts';
import { RoomScripts } from './script-calls.ts';

export { BACKSTOP_GRACE_MS } from './script-calls.ts';

/**
 * A claim decides on a reading of the room and applies only if the seats are unchanged; each
 * change is a seat taken (two at most) or the room made again, so a few readings always suffice
 * unless the room is made and deleted over and over: then the phone is told to retry.
 */
const CLAIM_ATTEMPTS = 8;

/**
 * Rooms in Redis, shared by every server process on it. Each method is one atomic step: one Lua
 * script (scripts.ts) makes the checks and the write together; a claim decides with the same
 * rules as every store (claim.ts) on one reading, then applies that decision in a script only if
 * the room has not changed since (else it reads and decides again). Reads are one command or one
 * script, so they see one moment of the room.
 *
 * Only what the other stores hold is stored: ciphertext, seats with secret hashes, the verifier.
 */
export class RedisRoomStore implements RoomStore {
  readonly #redis: Redis;
  readonly #scripts: RoomScripts;
  readonly #ownsConnection: boolean;
  readonly #push: RedisPushRows;

  /**
   * On a connection (connection.ts), with every key under `prefix`. close() closes the
   * connection too, unless told it belongs to someone else.
   */
  constructor(redis: Redis, prefix: string, options: { readonly ownsConnection?: boolean } = {}) {
    this.#redis = redis;
    this.#scripts = new RoomScripts(redis, prefix);
    this.#ownsConnection = options.ownsConnection ?? true;
    this.#push = new RedisPushRows(redis, prefix, (roomId) => this.#scripts.keys(roomId).room);
  }

  claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    return this.#run(async () => {
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
        const outcome = await this.#claimOnce(request);
        if (outcome !== null) return outcome;
      }
      throw new StoreUnavailableError('REDIS_CLAIM_CONTENDED');
    });
  }

  append({ by, envelope, at }: AppendRequest): Promise<AppendOutcome> {
    return this.#run(async () => {
      const body = bodyOf(envelope, by.seat, at.now);
      const reply = await this.#scripts.append(by, envelope.eventId, body, at);
      switch (reply[0]) {
        case 'not_found':
          return NOT_FOUND;
        case 'ended':
          return endedOf(by.room.roomId, reply[1], at);
        case 'existing': {
          const existing = envelopeOf(Number(reply[1]), reply[2]);
          return existing.seat === by.seat
            ? { status: 'duplicate', envelope: existing }
            : { status: 'conflict' };
        }
        case 'appended':
          return { status: 'appended', envelope: envelopeOf(reply[1], body) };
      }
    });
  }

  keepRoom({ by, until, at }: KeepRequest): Promise<KeepOutcome> {
    return this.#run(async () => {
      // The creation time never changes within an incarnation, so the time kept until can be
      // worked out from a reading; the script applies it only to that same incarnation.
      const read = await this.#read(by.room.roomId);
      if (read === null || !isHeldBy(read.record, by)) return NOT_FOUND;
      const keepUntil = keepUntilAt(read.record.createdAt, until, at);
      const reply = await this.#scripts.keep(by, keepUntil, at);
      switch (reply[0]) {
        case 'not_found':
          return NOT_FOUND;
        case 'ended':
          return endedOf(by.room.roomId, reply[1], at);
        case 'kept':
          return { status: 'kept', keptUntil: keepUntil };
      }
    });
  }

  readAfter({ room, afterSeq, limit, at }: ReadRequest): Promise<ReadOutcome> {
    return this.#run(async () => {
      const reply = await this.#scripts.read(room, afterSeq, limit, at);
      switch (reply[0]) {
        case 'not_found':
          return NOT_FOUND;
        case 'ended':
          return endedOf(room.roomId, reply[1], at);
        case 'ok': {
          const first = Math.max(afterSeq, 0) + 1;
          return {
            status: 'ok',
            envelopes: reply[1].map((body, i) => envelopeOf(first + i, body)),
          };
        }
      }
    });
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return this.#run(async () => (await this.#read(roomId))?.record ?? null);
  }

  countRooms(): Promise<number> {
    return this.#run(() => this.#redis.zcard(this.#scripts.index.byCreation));
  }

  deleteRoom(room: RoomRef): Promise<boolean> {
    return this.#run(() => this.#scripts.delete(room));
  }

  listEnded(at: Moment, limit: number): Promise<Ended[]> {
    return this.#run(async () => {
      if (limit <= 0) return [];
      // The indexes hold exactly what endReason looks at, so these are the rooms over at `at`;
      // each is read and judged again all the same, by the rule every store shares.
      const { byCreation, byIdleFrom } = this.#scripts.index;
      const [byAge, byIdle] = await Promise.all([
        this.#redis.zrangebyscore(
          byCreation,
          '-inf',
          `(${String(at.createdBefore)}`,
          'LIMIT',
          0,
          limit,
        ),
        this.#redis.zrangebyscore(
          byIdleFrom,
          '-inf',
          `(${String(at.idleBefore)}`,
          'LIMIT',
          0,
          limit,
        ),
      ]);
      const ended: Ended[] = [];
      for (const roomId of new Set([...byAge, ...byIdle])) {
        if (ended.length >= limit) break;
        const read = await this.#read(roomId);
        if (read === null) {
          await this.#scripts.forgetIfGone(roomId);
          continue;
        }
        const over = endedAt(read.record, at);
        if (over !== null) ended.push(over);
      }
      return ended;
    });
  }

  setPushSubscription({ by, subscription, at }: SetSubscriptionRequest): Promise<PushWriteOutcome> {
    return this.#run(async () =>
      pushOutcomeOf(by, await this.#push.setSubscription(by, subscription, at), at),
    );
  }

  setWakes({ by, times, at }: SetWakesRequest): Promise<PushWriteOutcome> {
    return this.#run(async () => pushOutcomeOf(by, await this.#push.setWakes(by, times, at), at));
  }

  pushTargetOf(room: RoomRef, seat: Seat): Promise<PushSubscriptionJson | null> {
    return this.#run(async () => {
      const key = this.#scripts.keys(room.roomId).room;
      const [incarnation, kept] = await this.#redis.hmget(key, 'inc', `p${String(seat)}`);
      if (incarnation !== room.incarnation || kept === null || kept === undefined) return null;
      return PushSubscriptionJson.parse(JSON.parse(kept));
    });
  }

  forgetSubscription(room: RoomRef, seat: Seat, endpoint: string): Promise<boolean> {
    return this.#run(() => this.#push.forget(room, seat, endpoint));
  }

  takeDueWakes(now: number, limit: number): Promise<DueWake[]> {
    return this.#run(() => this.#push.takeDue(now, limit));
  }

  keepVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    return this.#run(() => this.#push.keepVapidKeys(candidate));
  }

  async close(): Promise<void> {
    if (!this.#ownsConnection || this.#redis.status === 'end') return;
    try {
      await this.#redis.quit();
    } catch {
      // Redis is away: there is nobody to say goodbye to.
      this.#redis.disconnect();
    }
  }

  /** Every room and log under the prefix, in the memory store's shape, for tests. */
  async dumpForTests(): Promise<string> {
    const roomIds = await this.#redis.zrange(this.#scripts.index.byCreation, 0, -1);
    const rooms = [];
    for (const roomId of roomIds) {
      const read = await this.#read(roomId);
      if (read === null) continue;
      const bodies = await this.#redis.lrange(this.#scripts.keys(roomId).log, 0, -1);
      rooms.push({ record: read.record, log: bodies.map((body, i) => envelopeOf(i + 1, body)) });
    }
    return JSON.stringify(rooms);
  }

  /** One reading and decision of a claim, or null when the room changed before it applied. */
  async #claimOnce(request: ClaimRequest): Promise<ClaimOutcome | null> {
    const { roomId, credential, createIfMissing, access, knownIncarnation, at } = request;
    const read = await this.#read(roomId);
    if (isAnotherRoom(knownIncarnation, read?.record.incarnation)) return NOT_FOUND;
    if (read === null) {
      if (!createIfMissing) return NOT_FOUND;
      const joinVerifier = verifierToCreateWith(access);
      if (joinVerifier === null) return { status: 'unauthorized', reason: 'join_proof' };
      const room: RoomRecord = {
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
      const made = await this.#scripts.create(room, joinVerifier, credential, at);
      return made ? { status: 'created', seat: 0, room } : null;
    }
    const ended = endedAt(read.record, at);
    if (ended !== null) return ended;
    const decision = decideSeat(read.record, credential, access);
    switch (decision.kind) {
      case 'unauthorized':
        return { status: 'unauthorized', reason: decision.reason };
      case 'full':
        return { status: 'room_full' };
      case 'returning':
      case 'take': {
        const taking = decision.kind === 'take';
        const fields = await this.#scripts.claim({
          room: read.record,
          rev: read.rev,
          kind: taking ? 'take' : 'return',
          seat: decision.seat,
          credential,
          at,
        });
        const claimed = fields === null ? null : roomOf(roomId, fieldsOf(fields));
        if (claimed === null) return null;
        return {
          status: taking ? 'claimed' : 'returned',
          seat: decision.seat,
          room: claimed.record,
        };
      }
    }
  }

  async #read(roomId: string): Promise<ReadRoom | null> {
    return roomOf(roomId, await this.#redis.hgetall(this.#scripts.keys(roomId).room));
  }

  /** Runs a step, with the Redis failures a retry may get past sorted out (errors.ts). */
  async #run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw storeErrorOf(error);
    }
  }
}

/** The `ended` outcome for the room fields a script found over (the same rule, in lifetime.ts). */
function endedOf(roomId: string, flat: string[], at: Moment): Ended | RoomNotFound {
  const read = roomOf(roomId, fieldsOf(flat));
  return (read === null ? null : endedAt(read.record, at)) ?? NOT_FOUND;
}

function pushOutcomeOf(by: SeatHolder, reply: PushWriteReply, at: Moment): PushWriteOutcome {
  switch (reply[0]) {
    case 'not_found':
      return NOT_FOUND;
    case 'ended':
      return endedOf(by.room.roomId, reply[1], at);
    case 'not_subscribed':
      return { status: 'not_subscribed' };
    case 'set':
      return { status: 'set' };
  }
}

const isHeldBy = (room: RoomRecord, by: SeatHolder): boolean =>
  room.incarnation === by.room.incarnation && room.seats[by.seat]?.memberId === by.memberId;
