import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { COMMAND_TIMEOUT_MS, redactedUrl } from '../store/redis/connection.ts';

/**
 * The three connections one process keeps to Redis for scale-out (the store keeps its own):
 * - `publisher`: the adapter's. Its commands wait through an outage (offline queue, no retry
 *   limit) rather than fail: the adapter publishes without handling a failure, and a rejected
 *   publish would be an unhandled rejection that ends the process.
 * - `subscriber`: the adapter's subscriptions (in subscriber mode, it can run nothing else).
 *   ioredis subscribes again by itself after a reconnection.
 * - `commands`: presence turns, shared limits and the process roster. Set like the store's
 *   connection (store/redis/connection.ts): it fails at once while Redis is unreachable and times
 *   out on a Redis that does not answer, so none of these ever waits on an outage: a limit lets
 *   the request through, a turn fails its presence announcement, a roster read is skipped.
 */
export interface RedisLinks {
  readonly publisher: Redis;
  readonly subscriber: Redis;
  readonly commands: Redis;
  /** Ends all three connections; safe to call again. */
  close(): Promise<void>;
}

export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

/** How long the first connection may take before the process gives up starting. */
const DEFAULT_START_TIMEOUT_MS = 5_000;

/**
 * Connects to `url` and resolves once all three connections answer. Throws RedisUnreachableError
 * (naming the host, never a password) if they do not within `startTimeoutMs`, having closed them:
 * a process that cannot reach Redis must not start serving.
 */
export async function openRedisLinks(
  url: string,
  startTimeoutMs = DEFAULT_START_TIMEOUT_MS,
): Promise<RedisLinks> {
  const waitThrough: RedisOptions = { maxRetriesPerRequest: null };
  const publisher = new Redis(url, { ...waitThrough, connectionName: 'tandem-publisher' });
  const subscriber = publisher.duplicate({ ...waitThrough, connectionName: 'tandem-subscriber' });
  const commands = publisher.duplicate({
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectionName: 'tandem-commands',
  });
  const all = [publisher, subscriber, commands];
  // Without a listener ioredis prints every failed reconnection attempt; the process watches the
  // links itself (link-watch.ts) and logs the outage once.
  for (const client of all) client.on('error', () => undefined);
  let closed: Promise<void> | null = null;
  const links: RedisLinks = {
    publisher,
    subscriber,
    commands,
    close: () => (closed ??= Promise.all(all.map((client) => quit(client))).then(() => undefined)),
  };
  try {
    await withTimeout(Promise.all(all.map((client) => ready(client))), startTimeoutMs);
  } catch {
    await links.close();
    throw new RedisUnreachableError(
      `Redis at ${redactedUrl(url)} did not answer within ${String(startTimeoutMs / 1000)} s`,
    );
  }
  return links;
}

function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    client.once('ready', () => {
      resolve();
    });
  });
}

/**
 * QUIT when connected (what was sent goes out first), resolving once the connection has ended.
 * Otherwise (Redis away, reconnecting) it stops reconnecting at once; there is nothing to wait for.
 */
async function quit(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  const ended = new Promise<void>((resolve) => {
    client.once('end', () => {
      resolve();
    });
  });
  await client.quit().catch(() => undefined);
  client.disconnect();
  // Bounded: a connection cut in the middle of QUIT may never say it ended.
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, COMMAND_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([ended, bound]);
  clearTimeout(timer);
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('timed out'));
    }, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
