import { PRELUDE, PUSH_PRELUDE } from './lua-prelude.ts';
import type { PUSH_SCRIPTS } from './push-scripts.ts';

/**
 * The Lua scripts behind every write of the Redis store. Redis runs a script to the end before any
 * other command, so each check a write depends on (the incarnation, the seat, the room's end, the
 * event id) is made in the same step as the write: this is what makes each store method one
 * atomic step, across every connection and every server process.
 *
 * Every script reads all it needs before its first write, and refuses by returning rather than by
 * raising, so a script that refuses, or fails on its first write (a read-only replica, out of
 * memory), has written nothing.
 *
 * The room fields are those of record.ts: inc, created, active, keep, seq, rev, v, m0/h0, m1/h1.
 * Numbers arrive as strings (ARGV) and are stored as they came, so epoch milliseconds never go
 * through Lua's number formatting on the way in.
 */

/**
 * Makes a room, unless one stands under the id: 1 when made, 0 when not.
 * KEYS: room, log, eventIds, byCreation, byIdleFrom.
 * ARGV: roomId, incarnation, now, verifier, memberId, secretHash, createdBefore, idleBefore, grace.
 */
const CREATE = `${PRELUDE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
-- A log outliving its room (they expire together, but never trust it) is not the new room's.
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'inc', ARGV[2], 'created', ARGV[3], 'active', ARGV[3], 'keep', '0',
  'seq', '0', 'rev', '0', 'v', ARGV[4], 'm0', ARGV[5], 'h0', ARGV[6])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
set_backstop({KEYS[1], KEYS[2], KEYS[3]}, KEYS[1], tonumber(ARGV[7]), tonumber(ARGV[8]),
  tonumber(ARGV[9]))
return 1
`;

/**
 * Applies a seat decision (claim.ts) made on a reading of the room, only if the room is still
 * what was read: the same incarnation and seat revision, and not over. Returns the room's fields
 * after the claim, or nil when it changed (the store reads it again and decides again).
 * KEYS: room, log, eventIds, byIdleFrom.
 * ARGV: roomId, incarnation, rev, 'take' | 'return', seat, memberId, secretHash, now,
 *       createdBefore, idleBefore, grace.
 */
const CLAIM = `${PRELUDE}
local f = redis.call('HMGET', KEYS[1], 'inc', 'rev')
if f[1] ~= ARGV[2] or f[2] ~= ARGV[3] then return nil end
local created_before, idle_before = tonumber(ARGV[9]), tonumber(ARGV[10])
if is_over(KEYS[1], created_before, idle_before) then return nil end
if ARGV[4] == 'take' then
  redis.call('HSET', KEYS[1], 'm' .. ARGV[5], ARGV[6], 'h' .. ARGV[5], ARGV[7])
  redis.call('HINCRBY', KEYS[1], 'rev', 1)
end
redis.call('HSET', KEYS[1], 'active', ARGV[8])
index_idle(KEYS[4], KEYS[1], ARGV[1])
set_backstop({KEYS[1], KEYS[2], KEYS[3]}, KEYS[1], created_before, idle_before,
  tonumber(ARGV[11]))
return redis.call('HGETALL', KEYS[1])
`;

/**
 * Appends with deduplication on the event id, assigning the next sequence number.
 * Returns {'not_found'}, {'ended', fields}, {'existing', seq, body} or {'appended', seq}.
 * KEYS: room, log, eventIds, byIdleFrom.
 * ARGV: roomId, incarnation, seat, memberId, eventId, body, now, createdBefore, idleBefore, grace.
 */
const APPEND = `${PRELUDE}
if not holds(KEYS[1], ARGV[2], ARGV[3], ARGV[4]) then return {'not_found'} end
local created_before, idle_before = tonumber(ARGV[8]), tonumber(ARGV[9])
if is_over(KEYS[1], created_before, idle_before) then
  return {'ended', redis.call('HGETALL', KEYS[1])}
end
local existing = redis.call('HGET', KEYS[3], ARGV[5])
if existing then
  return {'existing', existing, redis.call('LINDEX', KEYS[2], tonumber(existing) - 1)}
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('RPUSH', KEYS[2], ARGV[6])
redis.call('HSET', KEYS[3], ARGV[5], seq)
redis.call('HSET', KEYS[1], 'active', ARGV[7])
index_idle(KEYS[4], KEYS[1], ARGV[1])
set_backstop({KEYS[1], KEYS[2], KEYS[3]}, KEYS[1], created_before, idle_before,
  tonumber(ARGV[10]))
return {'appended', seq}
`;

/**
 * Sets the time the room is kept until (computed by the store from the room's creation time,
 * which never changes within an incarnation). Returns {'not_found'}, {'ended', fields} or {'kept'}.
 * KEYS: room, log, eventIds, byIdleFrom.
 * ARGV: roomId, incarnation, seat, memberId, keepUntil, createdBefore, idleBefore, grace.
 */
const KEEP = `${PRELUDE}
if not holds(KEYS[1], ARGV[2], ARGV[3], ARGV[4]) then return {'not_found'} end
local created_before, idle_before = tonumber(ARGV[6]), tonumber(ARGV[7])
if is_over(KEYS[1], created_before, idle_before) then
  return {'ended', redis.call('HGETALL', KEYS[1])}
end
redis.call('HSET', KEYS[1], 'keep', ARGV[5])
index_idle(KEYS[4], KEYS[1], ARGV[1])
set_backstop({KEYS[1], KEYS[2], KEYS[3]}, KEYS[1], created_before, idle_before,
  tonumber(ARGV[8]))
return {'kept'}
`;

/**
 * Up to `limit` envelope bodies after `afterSeq`, in order, from one snapshot of the room.
 * Returns {'not_found'}, {'ended', fields} or {'ok', bodies}.
 * KEYS: room, log. ARGV: incarnation, afterSeq, limit, createdBefore, idleBefore.
 */
const READ = `${PRELUDE}
if redis.call('HGET', KEYS[1], 'inc') ~= ARGV[1] then return {'not_found'} end
if is_over(KEYS[1], tonumber(ARGV[4]), tonumber(ARGV[5])) then
  return {'ended', redis.call('HGETALL', KEYS[1])}
end
local after, limit = math.max(tonumber(ARGV[2]), 0), tonumber(ARGV[3])
if limit <= 0 then return {'ok', {}} end
return {'ok', redis.call('LRANGE', KEYS[2], after, after + limit - 1)}
`;

/**
 * Removes the incarnation, its log and its index entries (its seats' wakes too, push-scripts.ts):
 * 1 when it was there, 0 otherwise.
 * KEYS: room, log, eventIds, byCreation, byIdleFrom, wakes. ARGV: roomId, incarnation.
 */
const DELETE = `${PUSH_PRELUDE}
if redis.call('HGET', KEYS[1], 'inc') ~= ARGV[2] then return 0 end
clear_wakes(KEYS[1], KEYS[6], ARGV[1], ARGV[2], '0')
clear_wakes(KEYS[1], KEYS[6], ARGV[1], ARGV[2], '1')
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
return 1
`;

/**
 * Drops a room id from the indexes when no room stands under it any more (its keys expired
 * through the backstop TTL): checked in the script, so a room made again meanwhile stays indexed.
 * KEYS: room, byCreation, byIdleFrom. ARGV: roomId.
 */
const FORGET_IF_GONE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`;

export const SCRIPTS = {
  tandemCreate: { numberOfKeys: 5, lua: CREATE },
  tandemClaim: { numberOfKeys: 4, lua: CLAIM },
  tandemAppend: { numberOfKeys: 4, lua: APPEND },
  tandemKeep: { numberOfKeys: 4, lua: KEEP },
  tandemRead: { numberOfKeys: 2, lua: READ },
  tandemDelete: { numberOfKeys: 6, lua: DELETE },
  tandemForgetIfGone: { numberOfKeys: 3, lua: FORGET_IF_GONE },
} as const;

export type ScriptName = keyof typeof SCRIPTS | keyof typeof PUSH_SCRIPTS;
