import type { Redis } from 'ioredis';
import * as z from 'zod/mini';
import type { Moment, RoomRef, SeatCredential, SeatHolder } from '../room-store.ts';
import type { IndexKeys, RoomKeys } from './keys.ts';
import { indexKeys, roomKeyList, roomKeys } from './keys.ts';
import type { ScriptName } from './scripts.ts';
import { SCRIPTS } from './scripts.ts';

/**
 * How long a room's keys outlive its end before Redis expires them on its own. The sweep ends a
 * room (and tells its phones) long before; the TTL only frees what no running server removed.
 */
export const BACKSTOP_GRACE_MS = 24 * 60 * 60 * 1000;

type Script = (...args: (string | number)[]) => Promise<unknown>;
type ScriptedRedis = Redis & Record<ScriptName, Script>;

/** A script's reply is a boundary: parsed, never cast. `fields` is HGETALL's flat reply. */
const fields = z.array(z.string());
const notFound = z.tuple([z.literal('not_found')]);
const over = z.tuple([z.literal('ended'), fields]);
const AppendReply = z.union([
  notFound,
  over,
  /** The event id is in the log already: its seq and body. */
  z.tuple([z.literal('existing'), z.string(), z.string()]),
  z.tuple([z.literal('appended'), z.number()]),
]);
const KeepReply = z.union([notFound, over, z.tuple([z.literal('kept')])]);
const ReadReply = z.union([notFound, over, z.tuple([z.literal('ok'), z.array(z.string())])]);
const Flag = z.union([z.literal(0), z.literal(1)]);
const Fields = z.nullable(fields);

export type AppendReply = z.infer<typeof AppendReply>;
export type KeepReply = z.infer<typeof KeepReply>;
export type ReadReply = z.infer<typeof ReadReply>;

/** A claim's decision, to apply if the room is still as read (scripts.ts, CLAIM). */
export interface ClaimStep {
  readonly room: RoomRef;
  readonly rev: string;
  readonly kind: 'take' | 'return';
  readonly seat: number;
  readonly credential: SeatCredential;
  readonly at: Moment;
}

/**
 * The scripts of scripts.ts, called with their keys and arguments in order, their replies
 * parsed. Every key is under `prefix`.
 */
export class RoomScripts {
  readonly #redis: ScriptedRedis;
  readonly #prefix: string;
  readonly index: IndexKeys;

  constructor(redis: Redis, prefix: string) {
    for (const [name, script] of Object.entries(SCRIPTS)) redis.defineCommand(name, script);
    this.#redis = redis as ScriptedRedis;
    this.#prefix = prefix;
    this.index = indexKeys(prefix);
  }

  keys(roomId: string): RoomKeys {
    return roomKeys(this.#prefix, roomId);
  }

  /** True when made; false when a room stood under the id already. */
  async create(room: RoomRef, verifier: string, credential: SeatCredential, at: Moment) {
    const made = await this.#redis.tandemCreate(
      ...roomKeyList(this.keys(room.roomId)),
      this.index.byCreation,
      this.index.byIdleFrom,
      room.roomId,
      room.incarnation,
      String(at.now),
      verifier,
      credential.memberId,
      credential.secretHash,
      ...lifeArgs(at),
    );
    return Flag.parse(made) === 1;
  }

  /** The room's fields after the claim, or null when it changed since it was read. */
  async claim({ room, rev, kind, seat, credential, at }: ClaimStep): Promise<string[] | null> {
    const reply = await this.#redis.tandemClaim(
      ...roomKeyList(this.keys(room.roomId)),
      this.index.byIdleFrom,
      room.roomId,
      room.incarnation,
      rev,
      kind,
      String(seat),
      credential.memberId,
      credential.secretHash,
      String(at.now),
      ...lifeArgs(at),
    );
    return Fields.parse(reply);
  }

  async append(by: SeatHolder, eventId: string, body: string, at: Moment): Promise<AppendReply> {
    const reply = await this.#redis.tandemAppend(
      ...roomKeyList(this.keys(by.room.roomId)),
      this.index.byIdleFrom,
      ...holderArgs(by),
      eventId,
      body,
      String(at.now),
      ...lifeArgs(at),
    );
    return AppendReply.parse(reply);
  }

  async keep(by: SeatHolder, keepUntil: number, at: Moment): Promise<KeepReply> {
    const reply = await this.#redis.tandemKeep(
      ...roomKeyList(this.keys(by.room.roomId)),
      this.index.byIdleFrom,
      ...holderArgs(by),
      String(keepUntil),
      ...lifeArgs(at),
    );
    return KeepReply.parse(reply);
  }

  async read(room: RoomRef, afterSeq: number, limit: number, at: Moment): Promise<ReadReply> {
    const keys = this.keys(room.roomId);
    const reply = await this.#redis.tandemRead(
      keys.room,
      keys.log,
      room.incarnation,
      String(afterSeq),
      String(limit),
      String(at.createdBefore),
      String(at.idleBefore),
    );
    return ReadReply.parse(reply);
  }

  /** True when that incarnation was there and is gone now. */
  async delete(room: RoomRef): Promise<boolean> {
    const reply = await this.#redis.tandemDelete(
      ...roomKeyList(this.keys(room.roomId)),
      this.index.byCreation,
      this.index.byIdleFrom,
      this.index.wakes,
      room.roomId,
      room.incarnation,
    );
    return Flag.parse(reply) === 1;
  }

  /** Drops the id from the indexes if no room stands under it (its keys expired). */
  async forgetIfGone(roomId: string): Promise<void> {
    await this.#redis.tandemForgetIfGone(
      this.keys(roomId).room,
      this.index.byCreation,
      this.index.byIdleFrom,
      roomId,
    );
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
