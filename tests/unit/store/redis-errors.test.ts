import { describe, expect, it } from 'vitest';
import { storeErrorOf, unavailableCodeOf } from '../../../server/store/redis/errors.ts';
import { StoreUnavailableError } from '../../../server/store/room-store.ts';

/** An error as ioredis makes it: a name, a message, sometimes a socket code. */
function failure(name: string, message: string, code?: string): Error {
  const error = new Error(message) as NodeJS.ErrnoException;
  error.name = name;
  if (code !== undefined) error.code = code;
  return error;
}

describe('Redis errors', () => {
  it.each<[string, Error, string | null]>([
    [
      'loading after a restart',
      failure('ReplyError', 'LOADING Redis is loading the dataset in memory'),
      'REDIS_LOADING',
    ],
    [
      'a read-only replica',
      failure('ReplyError', "READONLY You can't write against a read only replica."),
      'REDIS_READONLY',
    ],
    [
      'no primary',
      failure('ReplyError', 'MASTERDOWN Link with MASTER is down'),
      'REDIS_MASTERDOWN',
    ],
    ['a busy script', failure('ReplyError', 'BUSY Redis is busy running a script.'), 'REDIS_BUSY'],
    [
      'out of memory',
      failure('ReplyError', "OOM command not allowed when used memory > 'maxmemory'."),
      'REDIS_OOM',
    ],
    [
      'unable to persist',
      failure('ReplyError', 'MISCONF Errors writing to the AOF file'),
      'REDIS_MISCONF',
    ],
    [
      'refused while disconnected',
      failure('Error', "Stream isn't writeable and enableOfflineQueue options is false"),
      'REDIS_UNREACHABLE',
    ],
    ['a closed connection', failure('Error', 'Connection is closed.'), 'REDIS_UNREACHABLE'],
    [
      'dropped in flight',
      failure(
        'MaxRetriesPerRequestError',
        'Reached the max retries per request limit (which is 0).',
      ),
      'REDIS_CONNECTION_LOST',
    ],
    ['no reply in time', failure('Error', 'Command timed out'), 'REDIS_TIMEOUT'],
    [
      'a refused socket',
      failure('Error', 'connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED'),
      'REDIS_UNREACHABLE',
    ],
    ['a reset socket', failure('Error', 'read ECONNRESET', 'ECONNRESET'), 'REDIS_UNREACHABLE'],
    // Bugs, not outages: answered `internal`, never retried as if Redis were away.
    [
      'a script error',
      failure(
        'ReplyError',
        'ERR user_script:1: Script attempted to access nonexistent global variable',
      ),
      null,
    ],
    [
      'a wrong type',
      failure('ReplyError', 'WRONGTYPE Operation against a key holding the wrong kind of value'),
      null,
    ],
    ['wrong credentials', failure('ReplyError', 'WRONGPASS invalid username-password pair'), null],
    ['a parse failure of ours', failure('ZodError', 'Invalid input'), null],
  ])('%s → %s', (_name, error, code) => {
    expect(unavailableCodeOf(error)).toBe(code);
    const thrown = storeErrorOf(error);
    if (code === null) {
      expect(thrown).toBe(error);
    } else {
      expect(thrown).toBeInstanceOf(StoreUnavailableError);
      expect(thrown).toMatchObject({ code, cause: error });
    }
  });

  it('never puts a reply text (which may quote stored data) in the message', () => {
    const error = storeErrorOf(failure('ReplyError', 'BUSY secret-looking detail'));
    expect(error.message).toBe('store unavailable (REDIS_BUSY)');
  });
});
