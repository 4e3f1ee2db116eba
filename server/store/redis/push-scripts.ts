import type { Redis } from 'ioredis';
import * as z from 'zod/mini';
import type { Seat } from '../../../shared/ids.ts';
import { PushSubscriptionJson } from '../../../shared/push.ts';
import type { DueWake, VapidKeys } from '../push-store.ts';
import type { Moment, RoomRef, SeatHolder } from '../room-store.ts';
import { indexKeys } from './keys.ts';
import { PRELUDE, PUSH_PRELUDE } from './lua-prelude.ts';

/**
 * Web Push in Redis: a seat's subscription is its room hash's field 'p<seat>' (the JSON the phone
 * sent), its wakes the field 'w<seat>' plus members of one wakes index (lua-prelude.ts), so they
 * go with the room's keys; the VAPID key pair is one key under the prefix, set once (SET NX) so
 * every process signs with the same pair. Each write is one script, checks and write together.
 */

/**
 * Keeps (ARGV[5] the JSON) or forgets (ARGV[5] empty, with the seat's wakes) a subscription.
 * Returns {'not_found'}, {'ended', fields} or {'set'}.
 * KEYS: room, wakes. ARGV: roomId, incarnation, seat, memberId, subscription, createdBefore,
 * idleBefore.
 */
const SET_SUBSCRIPTION = `${PRELUDE}${PUSH_PRELUDE}
if not holds(KEYS[1], ARGV[2], ARGV[3], ARGV[4]) then return {'not_found'} end
if is_over(KEYS[1], tonumber(ARGV[6]), tonumber(ARGV[7])) then
  return {'ended', redis.call('HGETALL', KEYS[1])}
end
if ARGV[5] == '' then
  clear_wakes(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
  redis.call('HDEL', KEYS[1], 'p' .. ARGV[3])
else
  redis.call('HSET', KEYS[1], 'p' .. ARGV[3], ARGV[5])
end
return {'set'}
`;

/**
 * Replaces the seat's wakes with ARGV[7..], only while it has a subscription.
 * Returns {'not_found'}, {'ended', fields}, {'not_subscribed'} or {'set'}.
 * KEYS: room, wakes. ARGV: roomId, incarnation, seat, memberId, createdBefore, idleBefore, times…
 */
const SET_WAKES = `${PRELUDE}${PUSH_PRELUDE}
if not holds(KEYS[1], ARGV[2], ARGV[3], ARGV[4]) then return {'not_found'} end
if is_over(KEYS[1], tonumber(ARGV[5]), tonumber(ARGV[6])) then
  return {'ended', redis.call('HGETALL', KEYS[1])}
end
if redis.call('HEXISTS', KEYS[1], 'p' .. ARGV[3]) == 0 then return {'not_subscribed'} end
clear_wakes(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
local times = {}
for i = 7, #ARGV do
  redis.call('ZADD', KEYS[2], ARGV[i], wake_member(ARGV[1], ARGV[2], ARGV[3], ARGV[i]))
  table.insert(times, ARGV[i])
end
if #times > 0 then redis.call('HSET', KEYS[1], 'w' .. ARGV[3], table.concat(times, ' ')) end
return {'set'}
`;

/**
 * Forgets the seat's subscription (and wakes) only if its endpoint is still ARGV[4]: 1 or 0.
 * KEYS: room, wakes. ARGV: roomId, incarnation, seat, endpoint.
 */
const FORGET_SUBSCRIPTION = `${PUSH_PRELUDE}
if redis.call('HGET', KEYS[1], 'inc') ~= ARGV[2] then return 0 end
local kept = redis.call('HGET', KEYS[1], 'p' .. ARGV[3])
if not kept or cjson.decode(kept).endpoint ~= ARGV[4] then return 0 end
clear_wakes(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
redis.call('HDEL', KEYS[1], 'p' .. ARGV[3])
return 1
`;

/**
 * Takes one due wake: removes it from the index and the seat, and returns the seat's
 * subscription, or nil when another process took it first or the room or subscription is gone
 * (a stale index entry, removed all the same). ZREM is what makes a wake taken once.
 * KEYS: room, wakes. ARGV: member, incarnation, seat, at.
 */
const TAKE_WAKE = `
local f = redis.call('HMGET', KEYS[1], 'inc', 'p' .. ARGV[3], 'w' .. ARGV[3])
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return nil end
if f[1] ~= ARGV[2] or not f[2] then return nil end
local rest = {}
for at in string.gmatch(f[3] or '', '%S+') do
  if at ~= ARGV[4] then table.insert(rest, at) end
end
if #rest > 0 then
  redis.call('HSET', KEYS[1], 'w' .. ARGV[3], table.concat(rest, ' '))
else
  redis.call('HDEL', KEYS[1], 'w' .. ARGV[3])
end
return f[2]
`;

export const PUSH_SCRIPTS = {
  tandemSetSubscription: { numberOfKeys: 2, lua: SET_SUBSCRIPTION },
  tandemSetWakes: { numberOfKeys: 2, lua: SET_WAKES },
  tandemForgetSubscription: { numberOfKeys: 2, lua: FORGET_SUBSCRIPTION },
  tandemTakeWake: { numberOfKeys: 2, lua: TAKE_WAKE },
} as const;

type Script = (...args: (string | number)[]) => Promise<unknown>;
type PushRedis = Redis & Record<keyof typeof PUSH_SCRIPTS, Script>;

const fields = z.array(z.string());
const WriteReply = z.union([
  z.tuple([z.literal('not_found')]),
  z.tuple([z.literal('ended'), fields]),
  z.tuple([z.literal('not_subscribed')]),
  z.tuple([z.literal('set')]),
]);
export type PushWriteReply = z.infer<typeof WriteReply>;
const Flag = z.union([z.literal(0), z.literal(1)]);
const Taken = z.nullable(z.string());
const WakeMember = z.tuple([z.string(), z.string(), z.enum(['0', '1']), z.string()]);
const StoredVapidKeys = z.strictObject({ publicKey: z.string(), privateKey: z.string() });

/** The push scripts, called with their keys and arguments, their replies parsed. */
export class RedisPushRows {
  readonly #redis: PushRedis;
  readonly #roomKey: (roomId: string) => string;
  readonly #wakes: string;
  readonly #vapid: string;

  constructor(redis: Redis, prefix: string, roomKey: (roomId: string) => string) {
    for (const [name, script] of Object.entries(PUSH_SCRIPTS)) redis.defineCommand(name, script);
    this.#redis = redis as PushRedis;
    this.#roomKey = roomKey;
    this.#wakes = indexKeys(prefix).wakes;
    this.#vapid = `${prefix}vapid-keys`;
  }

  async setSubscription(
    by: SeatHolder,
    subscription: PushSubscriptionJson | null,
    at: Moment,
  ): Promise<PushWriteReply> {
    const reply = await this.#redis.tandemSetSubscription(
      ...this.#keys(by.room.roomId),
      ...holderArgs(by),
      subscription === null ? '' : JSON.stringify(subscription),
      String(at.createdBefore),
      String(at.idleBefore),
    );
    return WriteReply.parse(reply);
  }

  async setWakes(by: SeatHolder, times: readonly number[], at: Moment): Promise<PushWriteReply> {
    const reply = await this.#redis.tandemSetWakes(
      ...this.#keys(by.room.roomId),
      ...holderArgs(by),
      String(at.createdBefore),
      String(at.idleBefore),
      ...[...new Set(times)].map(String),
    );
    return WriteReply.parse(reply);
  }

  async forget(room: RoomRef, seat: Seat, endpoint: string): Promise<boolean> {
    const reply = await this.#redis.tandemForgetSubscription(
      ...this.#keys(room.roomId),
      room.roomId,
      room.incarnation,
      String(seat),
      endpoint,
    );
    return Flag.parse(reply) === 1;
  }

  async takeDue(now: number, limit: number): Promise<DueWake[]> {
    if (limit <= 0) return [];
    const members = await this.#redis.zrangebyscore(this.#wakes, '-inf', now, 'LIMIT', 0, limit);
    const taken: DueWake[] = [];
    for (const member of members) {
      const [roomId, incarnation, seatText, atText] = WakeMember.parse(member.split(' '));
      const seat: Seat = seatText === '0' ? 0 : 1;
      const subscription = Taken.parse(
        await this.#redis.tandemTakeWake(
          ...this.#keys(roomId),
          member,
          incarnation,
          seatText,
          atText,
        ),
      );
      if (subscription === null) continue;
      taken.push({
        room: { roomId, incarnation },
        seat,
        subscription: PushSubscriptionJson.parse(JSON.parse(subscription)),
        at: Number(atText),
      });
    }
    return taken;
  }

  async keepVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    await this.#redis.set(this.#vapid, JSON.stringify(candidate), 'NX');
    const kept = await this.#redis.get(this.#vapid);
    return kept === null ? candidate : StoredVapidKeys.parse(JSON.parse(kept));
  }

  #keys(roomId: string): [string, string] {
    return [this.#roomKey(roomId), this.#wakes];
  }
}

const holderArgs = (by: SeatHolder): string[] => [
  by.room.roomId,
  by.room.incarnation,
  String(by.seat),
  by.memberId,
];
