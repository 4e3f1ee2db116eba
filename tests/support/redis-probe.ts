import { Redis } from 'ioredis';

/**
 * Whether a Redis answers a PING at `url`, in a second at most: the vitest suites and the
 * Playwright spec both ask it before running against Redis (this file imports neither runner).
 */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
