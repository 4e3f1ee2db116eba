import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The Redis the scale-out tests use: 127.0.0.1:6379 unless REDIS_TEST_URL says otherwise. It is
 * shared with others, so every test works under a key prefix of its own and deletes only its
 * own keys afterwards (SCAN MATCH prefix*), never flushing anything.
 */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers a PING within a second. */
export async function redisAnswers(url = REDIS_TEST_URL): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Whether the Redis tests run here: yes where Redis answers. Where it does not, they are skipped
 * with a message, unless CI=true, where a missing Redis is a failure (`.ci/run` starts one).
 */
export async function redisForTests(suite: string): Promise<boolean> {
  if (await redisAnswers()) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: Redis does not answer at ${REDIS_TEST_URL}, and CI=true`);
  }
  console.warn(`${suite}: skipped, Redis does not answer at ${REDIS_TEST_URL} (CI is not set)`);
  return false;
}

/** A key prefix no other test (or person) uses. */
export const testPrefix = (): string => `tandem-test:${randomBytes(6).toString('hex')}:`;

/** Deletes every key under `prefix`, and nothing else. */
export async function deleteKeysUnder(prefix: string, url = REDIS_TEST_URL): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(
        cursor,
        'MATCH',
        `${globEscape(prefix)}*`,
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}

const globEscape = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');
