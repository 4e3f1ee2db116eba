import { createAdapter } from '@socket.io/redis-adapter';
import type { LimiterFactory } from '../limits/limiters.ts';
import { redisLimiters } from '../limits/redis-limiters.ts';
import type { PresenceTurns } from './presence-turns.ts';
import { redisTurns } from './presence-turns.ts';
import type { ProcessRoster } from './process-roster.ts';
import { joinProcessRoster } from './process-roster.ts';
import type { RedisLinks } from './redis-links.ts';
import { openRedisLinks } from './redis-links.ts';

/**
 * Everything that lets several processes on one Redis act as one server to the two phones: the
 * socket.io adapter (fan-out), presence turns, limits by address, and the roster of processes.
 * createApp takes it as a dependency (AppDeps.scale); main.ts makes it when REDIS_URL is set, and
 * tests make several in one process on one Redis.
 */
export interface ScaleOut {
  /** For socket.io's `adapter` option. */
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly turns: PresenceTurns;
  readonly limiters: LimiterFactory;
  readonly roster: ProcessRoster;
  readonly links: RedisLinks;
  /** How often the roster is read for processes that died without a word. */
  readonly rosterIntervalMs: number;
  /** Closes the Redis connections; the app closes its server (and so the adapter) first. */
  close(): Promise<void>;
}

export interface ScaleOutOptions {
  readonly url: string;
  /** Every key and channel of this deployment starts with it (REDIS_PREFIX). */
  readonly prefix: string;
  /** A room's maximum age: how long its presence turns must be kept. */
  readonly roomMaxAgeMs: number;
  readonly rosterIntervalMs?: number;
  readonly startTimeoutMs?: number;
}

/**
 * 2 s: a phone on a process that dies is shown offline to its partner within about that (plus a
 * presence computation), inside the heartbeat's 9 s (R12); a roster read is one cheap command.
 */
const DEFAULT_ROSTER_INTERVAL_MS = 2_000;

/** Connects to Redis; throws RedisUnreachableError when it does not answer (redis-links.ts). */
export async function openScaleOut(options: ScaleOutOptions): Promise<ScaleOut> {
  const links = await openRedisLinks(options.url, options.startTimeoutMs);
  try {
    const roster = await joinProcessRoster(links, options.prefix);
    return {
      // The classic adapter (PUBLISH/PSUBSCRIBE), chosen over the sharded one: sharded Pub/Sub
      // spreads channels over the shards of a Redis Cluster, and this deployment is one Redis,
      // where it gains nothing and would require Redis 7. The classic one works on any Redis
      // this app's store runs on, and ioredis restores its subscriptions after a reconnection.
      // Every process receives every broadcast and drops those for rooms it has no phone in,
      // which is nothing at two phones per room and a handful of processes. With a Redis
      // Cluster, createShardedAdapter is the one to take.
      adapter: createAdapter(links.publisher, links.subscriber, { key: `${options.prefix}io` }),
      turns: redisTurns(links.commands, options.prefix, options.roomMaxAgeMs),
      limiters: redisLimiters(links.commands, options.prefix),
      roster,
      links,
      rosterIntervalMs: options.rosterIntervalMs ?? DEFAULT_ROSTER_INTERVAL_MS,
      close: () => links.close(),
    };
  } catch (error) {
    await links.close();
    throw error;
  }
}
