import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisAnswers } from './redis-probe.ts';
import { describe } from 'vitest';
import { connectRedis } from '../../server/store/redis/connection.ts';
import { RedisRoomStore } from '../../server/store/redis/redis-store.ts';

/**
 * The Redis the tests use (REDIS_TEST_URL, by default the machine's own on loopback). It is shared
 * with others: every test works under a prefix of its own and deletes only its own keys, never
 * flushing anything.
 */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

export const redisAvailable = await redisAnswers(REDIS_TEST_URL);

if (!redisAvailable) {
  if (process.env.CI === 'true') {
    // CI must run the Redis suites: .ci/run starts Redis when it is not already there.
    throw new Error(`CI=true but Redis does not answer at ${REDIS_TEST_URL}`);
  }
  process.stdout.write(
    `Redis does not answer at ${REDIS_TEST_URL}: the Redis suites are skipped (set REDIS_TEST_URL, or start redis-server; with CI=true they fail instead)\n`,
  );
}

/** `describe` when Redis answers, `describe.skip` otherwise (outside CI). */
export const describeWithRedis: typeof describe = redisAvailable
  ? describe
  : (describe.skip as typeof describe);

/** A key prefix no other test, run or user has: `tandem-test:<random>:`. */
export const uniquePrefix = (): string => `tandem-test:${randomBytes(6).toString('hex')}:`;

/** Deletes every key under `prefix` (SCAN MATCH prefix*, never FLUSHDB). */
export async function deleteKeysUnder(prefix: string, url = REDIS_TEST_URL): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface TestRedisStore {
  readonly store: RedisRoomStore;
  /** The store's own connection, to await its reconnection. */
  readonly redis: Redis;
  readonly prefix: string;
  /** Deletes the store's keys; call after the store is closed. */
  readonly cleanup: () => Promise<void>;
}

/** A Redis store on a connection of its own, under `prefix` (a fresh one unless given). */
export async function openTestRedisStore(
  prefix = uniquePrefix(),
  url = REDIS_TEST_URL,
  overrides: Parameters<typeof connectRedis>[2] = {},
): Promise<TestRedisStore> {
  const redis = await connectRedis(url, 'tandem-test', overrides);
  redis.on('error', () => undefined);
  return {
    store: new RedisRoomStore(redis, prefix),
    redis,
    prefix,
    cleanup: async () => {
      await deleteKeysUnder(prefix, url);
    },
  };
}
