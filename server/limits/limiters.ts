import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitNumbers } from './settings.ts';

/** One limiter's shape: `points` per `durationSeconds` (0: never refilled, for counting). */
export interface LimiterSpec {
  readonly keyPrefix: string;
  readonly points: number;
  readonly durationSeconds: number;
  /**
   * What its keys name. A connection lives on one process, so a limit keyed by connection is
   * whole in that process's memory; a limit keyed by address must be shared by every process an
   * address may reach.
   */
  readonly keyedBy: 'connection' | 'address';
}

/**
 * Makes the limiters. In memory by default (one process); several processes on one Redis pass
 * redisLimiters (redis-limiters.ts), so every process counts an address against the same
 * numbers. Nothing else changes.
 */
export type LimiterFactory = (spec: LimiterSpec) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = ({ keyPrefix, points, durationSeconds }) =>
  new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });

/** The subset of a limiter the edge uses; BurstyRateLimiter has only consume. */
interface Consumer {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
}

/** Every limiter of one server, keyed by connection id or client address. */
export interface EdgeLimiters {
  readonly numbers: LimitNumbers;
  /** Events per connection: `eventsPerSecond`, with up to `eventBurst` at once. */
  readonly events: Consumer;
  /** Refused events per connection: a connection past 5× the rate in refusals is closed. */
  readonly refusals: Consumer;
  /** Open connections per address: consumed at the handshake, given back at the close. */
  readonly connections: RateLimiterAbstract;
  /** Rooms made per address per minute. */
  readonly roomCreations: RateLimiterAbstract;
}

/** How many times the sustained rate a connection may be refused in a second before it is closed. */
export const FLOOD_FACTOR = 5;

export function createEdgeLimiters(
  numbers: LimitNumbers,
  make: LimiterFactory = memoryLimiters,
): EdgeLimiters {
  const sustained = make({
    keyPrefix: 'events',
    points: numbers.eventsPerSecond,
    durationSeconds: 1,
    keyedBy: 'connection',
  });
  // rate-limiter-flexible counts in fixed windows; its wiki's answer to a token bucket is
  // BurstyRateLimiter: the rate per second, and when that is spent, an extra allowance that
  // refills over as many seconds as the burst lasts at the sustained rate.
  const extra = numbers.eventBurst - numbers.eventsPerSecond;
  const events: Consumer =
    extra > 0
      ? new BurstyRateLimiter(
          sustained,
          make({
            keyPrefix: 'events-burst',
            points: extra,
            durationSeconds: Math.max(1, Math.ceil(numbers.eventBurst / numbers.eventsPerSecond)),
            keyedBy: 'connection',
          }),
        )
      : sustained;
  return {
    numbers,
    events,
    refusals: make({
      keyPrefix: 'refusals',
      points: FLOOD_FACTOR * numbers.eventsPerSecond,
      durationSeconds: 1,
      keyedBy: 'connection',
    }),
    connections: make({
      keyPrefix: 'connections',
      points: numbers.connectionsPerAddress,
      durationSeconds: 0,
      keyedBy: 'address',
    }),
    roomCreations: make({
      keyPrefix: 'room-creations',
      points: numbers.roomsPerAddressPerMinute,
      durationSeconds: 60,
      keyedBy: 'address',
    }),
  };
}

/**
 * Takes a point: true when there was one. A limiter whose store fails (Redis unreachable) lets
 * the request through: an outage of the limiter's store must not cut phones off mid-session.
 */
export async function take(limiter: Consumer, key: string, points = 1): Promise<boolean> {
  try {
    await limiter.consume(key, points);
    return true;
  } catch (outcome) {
    return !(outcome instanceof RateLimiterRes);
  }
}
