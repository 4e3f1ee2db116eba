/** Shared by the room scripts (scripts.ts) and the push scripts (push-scripts.ts). */
export const PRELUDE = `
-- lifetime.ts endReason, as a condition: the server names the reason from the stored fields.
local function is_over(room, created_before, idle_before)
  local f = redis.call('HMGET', room, 'created', 'active', 'keep')
  return tonumber(f[1]) < created_before
    or math.max(tonumber(f[2]), tonumber(f[3])) < idle_before
end

-- Redis TTLs as a backstop: the keys outlive the room's end by the grace, so the sweep (which
-- tells the phones) normally removes the room first; they only expire on their own when no server
-- runs the sweep for that long.
local function set_backstop(keys, room, created_before, idle_before, grace)
  local f = redis.call('HMGET', room, 'created', 'active', 'keep')
  local life = math.min(tonumber(f[1]) - created_before,
    math.max(tonumber(f[2]), tonumber(f[3])) - idle_before)
  local ttl = math.floor(math.max(life, 0) + grace)
  for _, key in ipairs(keys) do redis.call('PEXPIRE', key, ttl) end
end

-- The idle index follows max(active, keep), as endReason does.
local function index_idle(index, room, room_id)
  local f = redis.call('HMGET', room, 'active', 'keep')
  redis.call('ZADD', index, math.max(tonumber(f[1]), tonumber(f[2])), room_id)
end

-- Whether the room under KEYS is the incarnation 'inc' and its seat is held by 'member'.
local function holds(room, inc, seat, member)
  local f = redis.call('HMGET', room, 'inc', 'm' .. seat)
  return f[1] == inc and f[2] == member
end
`;

/**
 * A seat's wakes (push-scripts.ts) are its room hash's field 'w<seat>', the times separated by
 * spaces, each also a member '<roomId> <incarnation> <seat> <time>' of the wakes index scored by
 * its time (ids are base64url: no spaces). clear_wakes removes both.
 */
export const PUSH_PRELUDE = `
local function wake_member(room_id, inc, seat, at)
  return room_id .. ' ' .. inc .. ' ' .. seat .. ' ' .. at
end

local function clear_wakes(room, index, room_id, inc, seat)
  local times = redis.call('HGET', room, 'w' .. seat)
  if times then
    for at in string.gmatch(times, '%S+') do
      redis.call('ZREM', index, wake_member(room_id, inc, seat, at))
    end
    redis.call('HDEL', room, 'w' .. seat)
  end
end
`;
