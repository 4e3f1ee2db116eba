import type { Redis } from 'ioredis';
import type { Logger } from '../../log.ts';

/**
 * What the Redis behind the store keeps through a crash, and whether it may drop keys on its own,
 * read once at start from its configuration. Tandem cannot set these (a managed Redis may not
 * even show them); it says at start what they mean, so an operator learns it then rather than
 * after a restart lost rooms.
 */
export interface RedisDurability {
  /**
   * The append-only file's fsync: `always`, nothing acknowledged is lost in a crash; `everysec`,
   * about a second; `no`, whatever the OS had not flushed yet; `off` (no append-only file),
   * everything since the last snapshot, if any.
   */
  readonly appendfsync: 'always' | 'everysec' | 'no' | 'off' | 'unknown';
  /** Whether Redis may evict keys when full: a room, or part of its log, would vanish. */
  readonly evicts: boolean | 'unknown';
}

/** Reads the durability settings; `unknown` where CONFIG GET is refused or renamed. */
export async function readDurability(redis: Redis): Promise<RedisDurability> {
  try {
    const [appendonly, fsync, policy] = await Promise.all(
      ['appendonly', 'appendfsync', 'maxmemory-policy'].map(async (name) => {
        const reply: unknown = await redis.config('GET', name);
        return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : 'unknown';
      }),
    );
    return {
      appendfsync: appendonly === 'no' ? 'off' : fsyncOf(fsync),
      evicts: policy === 'unknown' ? 'unknown' : policy !== 'noeviction',
    };
  } catch {
    return { appendfsync: 'unknown', evicts: 'unknown' };
  }
}

const FSYNC_SETTINGS = ['always', 'everysec', 'no'] as const;

const fsyncOf = (value: string | undefined): RedisDurability['appendfsync'] =>
  FSYNC_SETTINGS.find((setting) => setting === value) ?? 'unknown';

/** One line at start: info when nothing acknowledged can be lost, a warning naming the risk otherwise. */
export function logDurability(log: Logger, durability: RedisDurability): void {
  const fields = { appendfsync: durability.appendfsync, evicts: String(durability.evicts) };
  if (durability.appendfsync === 'always' && durability.evicts === false) {
    log.info('redis store durable', fields);
    return;
  }
  log.warn('redis store may lose acknowledged events', {
    ...fields,
    advice: 'run Redis with appendonly yes, appendfsync always, maxmemory-policy noeviction',
  });
}
