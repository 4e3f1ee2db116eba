import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { LimiterFactory } from './limiters.ts';
import { memoryLimiters } from './limiters.ts';

/**
 * How long an address's count of open connections lives in Redis before it starts again from 0.
 * In one process the count is exact and never expires: each connection gives its point back when
 * it closes. Across processes a point taken by a process that then dies (SIGKILL, a lost machine)
 * is never given back, and without an expiry its address would stay that much closer to the cap
 * for ever: a household behind one router could end up locked out by crashes it never saw.
 *
 * So the count expires this long after it began. A leaked point lasts at most that long. The
 * price: connections still open when the count starts again are no longer counted (their
 * closing gives back nothing below 0, see the script), so an address holding connections across
 * a restart of its count may have up to twice the cap open for a while. The cap is there against
 * floods, which live far shorter than this; a stuck household is the worse failure.
 */
export const CONNECTION_COUNT_TTL_SECONDS = 10 * 60;

/**
 * rate-limiter-flexible's own script (take points, start the key's expiry with its first point),
 * except that a count given back below 0 stays at 0: a point returned after its count expired
 * must not lend the address extra room. KEEPTTL needs Redis 6.
 */
const INCREMENT_NOT_BELOW_ZERO = `
redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = redis.call('incrby', KEYS[1], ARGV[1])
if consumed < 0 then
  redis.call('set', KEYS[1], 0, 'KEEPTTL')
  consumed = 0
end
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[2])
  ttl = 1000 * ARGV[2]
end
return {consumed, ttl}
`;

/**
 * Limiters for several processes on one Redis: limits keyed by address (connections open, rooms
 * made per minute) are counted in Redis under `prefix`, so they hold across processes; limits
 * keyed by connection (events per second, refusals) stay in memory, where the connection is, and
 * cost no round trip per event.
 *
 * `client` must fail at once while Redis is unreachable (no offline queue): a limit whose store
 * fails lets the request through (limiters.ts `take`), so an outage never cuts phones off.
 */
export function redisLimiters(client: Redis, prefix: string): LimiterFactory {
  return (spec) => {
    if (spec.keyedBy === 'connection') return memoryLimiters(spec);
    return new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${prefix}limit:${spec.keyPrefix}`,
      points: spec.points,
      duration: spec.durationSeconds === 0 ? CONNECTION_COUNT_TTL_SECONDS : spec.durationSeconds,
      customIncrTtlLuaScript: INCREMENT_NOT_BELOW_ZERO,
      rejectIfRedisNotReady: true,
    });
  };
}
