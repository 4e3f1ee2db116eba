import type { Redis } from 'ioredis';
import * as z from 'zod/mini';
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
import { storeErrorOf } from './errors.ts';
import type { IndexKeys, RoomKeys } from './keys.ts';
import { indexKeys, roomKeyList, roomKeys } from './keys.ts';
import type { ReadRoom } from './record.ts';
import { bodyOf, envelopeOf, fieldsOf, roomOf } from './record.ts';
import type { ScriptName } from './scripts.ts';
import { SCRIPTS } from './scripts.ts';

/**
 * How long a room's keys outlive its end before Redis expires them on its own. The sweep ends a
 * room (and tells its phones) long before; the TTL only frees what no running server removed.
 */
export const BACKSTOP_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * A claim decides on a reading of the room and applies only if the seats are unchanged; each
 * change is a seat taken (two at most) or the room made again, so a few readings always suffice
 * unless the room is made and deleted over and over: then the phone is told to retry.
 */
const CLAIM_ATTEMPTS = 8;

type Script = (...args: (string | number)[]) => Promise<unknown>;
type ScriptedRedis = Redis & Record<ScriptName, Script>;

const Reply = {
  append: z.union([
    z.tuple([z.literal('not_found')]),
    z.tuple([z.literal('ended'), z.array(z.string())]),
    z.tuple([z.literal('existing'), z.string(), z.string()]),
    z.tuple([z.literal('appended'), z.number()]),
  ]),
  keep: z.union([
    z.tuple([z.literal('not_found')]),
    z.tuple([z.literal('ended'), z.array(z.string())]),
    z.tuple([z.literal('kept')]),
  ]),
  read: z.union([
    z.tuple([z.literal('not_found')]),
    z.tuple([z.literal('ended'), z.array(z.string())]),
    z.tuple([z.literal('ok'), z.array(z.string())]),
  ]),
  flag: z.union([z.literal(0), z.literal(1)]),
};

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
  readonly #redis: ScriptedRedis;
  readonly #prefix: string;
  readonly #index: IndexKeys;
  readonly #ownsConnection: boolean;

  /**
   * On a connection (connection.ts), with every key under `prefix`. The store closes the
   * connection on close() when it owns it.
   */
  constructor(redis: Redis, prefix: string, options: { readonly ownsConnection?: boolean } = {}) {
    for (const [name, script] of Object.entries(SCRIPTS)) redis.defineCommand(name, script);
    this.#redis = redis as ScriptedRedis;
    this.#prefix = prefix;
    this.#index = indexKeys(prefix);
    this.#ownsConnection = options.ownsConnection ?? true;
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
      const keys = this.#keys(by.room.roomId);
      const reply = Reply.append.parse(
        await this.#redis.tandemAppend(
          ...roomKeyList(keys),
          this.#index.byIdleFrom,
          ...holderArgs(by),
          envelope.eventId,
          bodyOf(envelope, by.seat, at.now),
          String(at.now),
          ...lifeArgs(at),
        ),
      );
      switch (reply[0]) {
        case 'not_found':
          return NOT_FOUND;
        case 'ended':
          return this.#ended(by.room.roomId, reply[1], at);
        case 'existing': {
          const existing = envelopeOf(Number(reply[1]), reply[2]);
          return existing.seat === by.seat
            ? { status: 'duplicate', envelope: existing }
            : { status: 'conflict' };
        }
        case 'appended':
          return {
            status: 'appended',
            envelope: envelopeOf(reply[1], bodyOf(envelope, by.seat, at.now)),
          };
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
      const reply = Reply.keep.parse(
        await this.#redis.tandemKeep(
          ...roomKeyList(this.#keys(by.room.roomId)),
          this.#index.byIdleFrom,
          ...holderArgs(by),
          String(keepUntil),
          ...lifeArgs(at),
        ),
      );
      switch (reply[0]) {
        case 'not_found':
          return NOT_FOUND;
        case 'ended':
          return this.#ended(by.room.roomId, reply[1], at);
        case 'kept':
          return { status: 'kept', keptUntil: keepUntil };
      }
    });
  }

  readAfter({ room, afterSeq, limit, at }: ReadRequest): Promise<ReadOutcome> {
    return this.#run(async () => {
      const keys = this.#keys(room.roomId);
      const reply = Reply.read.parse(
        await this.#redis.tandemRead(
          keys.room,
          keys.log,
          room.incarnation,
          String(afterSeq),
          String(limit),
          String(at.createdBefore),
          String(at.idleBefore),
        ),
      );
      switch (reply[0]) {
        case 'not_found':
          return NOT_FOUND;
        case 'ended':
          return this.#ended(room.roomId, reply[1], at);
        case 'ok': {
          const start = Math.max(afterSeq, 0) + 1;
          const envelopes = reply[1].map((body, i) => envelopeOf(start + i, body));
          return { status: 'ok', envelopes };
        }
      }
    });
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return this.#run(async () => (await this.#read(roomId))?.record ?? null);
  }

  countRooms(): Promise<number> {
    return this.#run(() => this.#redis.zcard(this.#index.byCreation));
  }

  deleteRoom(room: RoomRef): Promise<boolean> {
    return this.#run(async () => {
      const reply = await this.#redis.tandemDelete(
        ...roomKeyList(this.#keys(room.roomId)),
        this.#index.byCreation,
        this.#index.byIdleFrom,
        room.roomId,
        room.incarnation,
      );
      return Reply.flag.parse(reply) === 1;
    });
  }

  listEnded(at: Moment, limit: number): Promise<Ended[]> {
    return this.#run(async () => {
      if (limit <= 0) return [];
      // The indexes hold exactly what endReason looks at, so these are the rooms over at `at`;
      // each is read and judged again all the same, with the rule every store shares.
      const [byAge, byIdle] = await Promise.all([
        this.#redis.zrangebyscore(
          this.#index.byCreation,
          '-inf',
          `(${String(at.createdBefore)}`,
          'LIMIT',
          0,
          limit,
        ),
        this.#redis.zrangebyscore(
          this.#index.byIdleFrom,
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
          await this.#forgetIfGone(roomId);
          continue;
        }
        const over = endedAt(read.record, at);
        if (over !== null) ended.push(over);
      }
      return ended;
    });
  }

  async close(): Promise<void> {
    if (!this.#ownsConnection || this.#redis.status === 'end') return;
    try {
      await this.#redis.quit();
    } catch {
      // Redis is away: there is nothing to say goodbye to.
      this.#redis.disconnect();
    }
  }

  /** Every room and log under the prefix, in the memory store's shape, for tests. */
  async dumpForTests(): Promise<string> {
    const roomIds = await this.#redis.zrange(this.#index.byCreation, 0, -1);
    const rooms = [];
    for (const roomId of roomIds) {
      const read = await this.#read(roomId);
      if (read === null) continue;
      const bodies = await this.#redis.lrange(this.#keys(roomId).log, 0, -1);
      const log = bodies.map((body, i) => envelopeOf(i + 1, body));
      rooms.push({ record: read.record, log });
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
      };
      const made = await this.#redis.tandemCreate(
        ...roomKeyList(this.#keys(roomId)),
        this.#index.byCreation,
        this.#index.byIdleFrom,
        roomId,
        room.incarnation,
        String(at.now),
        joinVerifier,
        credential.memberId,
        credential.secretHash,
        ...lifeArgs(at),
      );
      return Reply.flag.parse(made) === 1 ? { status: 'created', seat: 0, room } : null;
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
        const fields = await this.#redis.tandemClaim(
          ...roomKeyList(this.#keys(roomId)),
          this.#index.byIdleFrom,
          roomId,
          read.record.incarnation,
          read.rev,
          decision.kind === 'take' ? 'take' : 'return',
          String(decision.seat),
          credential.memberId,
          credential.secretHash,
          String(at.now),
          ...lifeArgs(at),
        );
        if (fields === null) return null;
        const claimed = roomOf(roomId, fieldsOf(fields));
        if (claimed === null) return null;
        const status = decision.kind === 'take' ? 'claimed' : 'returned';
        return { status, seat: decision.seat, room: claimed.record };
      }
    }
  }

  async #read(roomId: string): Promise<ReadRoom | null> {
    return roomOf(roomId, await this.#redis.hgetall(this.#keys(roomId).room));
  }

  /** The `ended` outcome for the room fields a script found over. */
  #ended(roomId: string, flat: string[], at: Moment): Ended | RoomNotFound {
    const read = roomOf(roomId, fieldsOf(flat));
    return (read === null ? null : endedAt(read.record, at)) ?? NOT_FOUND;
  }

  async #forgetIfGone(roomId: string): Promise<void> {
    await this.#redis.tandemForgetIfGone(
      this.#keys(roomId).room,
      this.#index.byCreation,
      this.#index.byIdleFrom,
      roomId,
    );
  }

  #keys(roomId: string): RoomKeys {
    return roomKeys(this.#prefix, roomId);
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

/** The script arguments naming a seat holder: room id, incarnation, seat, member id. */
const holderArgs = (by: SeatHolder): string[] => [
  by.room.roomId,
  by.room.incarnation,
  String(by.seat),
  by.memberId,
];

/** The script arguments that judge a room's end and set its TTL. */
const lifeArgs = (at: Moment): string[] => [
  String(at.createdBefore),
  String(at.idleBefore),
  String(BACKSTOP_GRACE_MS),
];

const isHeldBy = (room: RoomRecord, by: SeatHolder): boolean =>
  room.incarnation === by.room.incarnation && room.seats[by.seat]?.memberId === by.memberId;
