import { StoreUnavailableError } from '../room-store.ts';

/**
 * Replies of a Redis that cannot serve a write now, by their first word: still loading its data
 * after a restart, a read-only replica (after a failover), no primary, a script or the server
 * busy, out of memory, unable to persist. The scripts refuse before their first write and a
 * command Redis refuses runs not at all, so nothing was written.
 */
const UNAVAILABLE_REPLIES = [
  'LOADING',
  'READONLY',
  'MASTERDOWN',
  'BUSY',
  'OOM',
  'MISCONF',
  'NOREPLICAS',
  'TRYAGAIN',
  'CLUSTERDOWN',
];

/**
 * What ioredis says when no connection carries the command (connection.ts explains the options):
 * refused at once while disconnected, failed when the connection dropped under it, or timed out.
 */
const CONNECTION_MESSAGES: readonly (readonly [string, string])[] = [
  ["Stream isn't writeable", 'REDIS_UNREACHABLE'],
  ['Connection is closed', 'REDIS_UNREACHABLE'],
  ['Command timed out', 'REDIS_TIMEOUT'],
];

const SOCKET_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
];

/** The StoreUnavailableError code for a Redis failure that a retry may get past, or null. */
export function unavailableCodeOf(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'ReplyError') {
    const word = error.message.split(' ', 1)[0] ?? '';
    return UNAVAILABLE_REPLIES.includes(word) ? `REDIS_${word}` : null;
  }
  if (error.name === 'MaxRetriesPerRequestError') return 'REDIS_CONNECTION_LOST';
  const known = CONNECTION_MESSAGES.find(([start]) => error.message.startsWith(start));
  if (known !== undefined) return known[1];
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && SOCKET_CODES.includes(code) ? 'REDIS_UNREACHABLE' : null;
}

/**
 * The error a store call throws for `error`: StoreUnavailableError when Redis cannot serve now
 * (the phone is told `storage_unavailable` and retries), the error itself otherwise (a bug).
 */
export function storeErrorOf(error: unknown): Error {
  const code = unavailableCodeOf(error);
  if (code !== null) return new StoreUnavailableError(code, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
