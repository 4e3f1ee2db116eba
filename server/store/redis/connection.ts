import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { Logger } from '../../log.ts';
import { StoreOpenError } from '../sqlite/open.ts';
import { unavailableCodeOf } from './errors.ts';

/** How long a command may wait for its reply before the phone is told to retry. */
export const COMMAND_TIMEOUT_MS = 2_000;

/**
 * ioredis, set to fail fast and heal by itself. By default ioredis queues commands while it is
 * disconnected (enableOfflineQueue) and retries each up to 20 reconnections: a request during an
 * outage would hang for seconds, then run late, after its phone had given up and retried. Here:
 * - enableOfflineQueue false: while not connected and ready (down, reconnecting, or still loading
 *   its data after a restart), a command fails at once without being sent: nothing is written and
 *   the phone gets `storage_unavailable`;
 * - maxRetriesPerRequest 0 and autoResendUnfulfilledCommands false: a command in flight when the
 *   connection drops fails at once and is never sent again on its own. Redis may have run it
 *   before the drop; the phone's retry is then answered by the store's deduplication (the same
 *   event id is a duplicate, a claim returns to its seat), so nothing is stored twice;
 * - commandTimeout: a Redis that accepts but does not answer (stopped, swapping) fails the
 *   command the same way, for the same reasons;
 * - retryStrategy: reconnect for ever, at most a second apart, so the store works again as soon
 *   as Redis is back, with no restart of the server.
 */
export const REDIS_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  commandTimeout: COMMAND_TIMEOUT_MS,
  connectTimeout: COMMAND_TIMEOUT_MS,
  enableReadyCheck: true,
  retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
};

/** The URL without its user name and password, to name it in a message or a log. */
export function redactedUrl(url: string): string {
  if (!URL.canParse(url)) return 'the configured REDIS_URL';
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return shown.toString();
}

/**
 * A connection to `url`, ready: throws StoreOpenError (with no password in its message) when
 * Redis does not answer, and then leaves nothing running.
 */
export async function connectRedis(
  url: string,
  connectionName: string,
  /** Tests shorten the timeouts. */
  overrides: Pick<RedisOptions, 'commandTimeout' | 'connectTimeout'> = {},
): Promise<Redis> {
  const redis = new Redis(url, {
    ...REDIS_OPTIONS,
    ...overrides,
    lazyConnect: true,
    connectionName,
  });
  let lastError: unknown = null;
  const remember = (error: unknown) => {
    lastError = error;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? error;
    throw new StoreOpenError(
      redactedUrl(url),
      `Redis does not answer (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  } finally {
    redis.off('error', remember);
  }
  return redis;
}

/**
 * Logs the connection going away and coming back, once each per outage (ioredis retries every
 * second meanwhile, and would otherwise print each failed attempt as an unhandled error).
 * Requests in between fail with StoreUnavailableError (errors.ts).
 */
export function logConnectionChanges(redis: Redis, log: Logger, connection: string): void {
  let away = false;
  const lost = (reason: string) => {
    if (away) return;
    away = true;
    log.warn('redis unavailable', { connection, reason });
  };
  redis.on('error', (error: unknown) => {
    lost(error instanceof Error ? (unavailableCodeOf(error) ?? error.name) : 'error');
  });
  // Emitted only when the connection dropped by itself, never after quit() at shutdown.
  redis.on('reconnecting', () => {
    lost('connection_lost');
  });
  redis.on('ready', () => {
    if (!away) return;
    away = false;
    log.info('redis available again', { connection });
  });
}
