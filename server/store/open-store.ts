import type { Config } from '../config.ts';
import { MemoryRoomStore } from './memory-store.ts';
import type { Logger } from '../log.ts';
import { connectRedis, logConnectionChanges } from './redis/connection.ts';
import { logDurability, readDurability } from './redis/durability.ts';
import { RedisRoomStore } from './redis/redis-store.ts';
import type { RoomStore } from './room-store.ts';
import { SqliteRoomStore } from './sqlite/sqlite-store.ts';

export type StoreConfig = Pick<Config, 'STORE' | 'DATA_DIR' | 'REDIS_URL' | 'REDIS_PREFIX'>;

/**
 * The store the configuration names. Throws StoreOpenError when it cannot be opened: a SQLite
 * file that cannot be used, a Redis that does not answer.
 */
export async function openStore(config: StoreConfig, log: Logger): Promise<RoomStore> {
  switch (config.STORE) {
    case 'sqlite':
      return SqliteRoomStore.openIn(config.DATA_DIR);
    case 'memory':
      return new MemoryRoomStore();
    case 'redis': {
      // The configuration only has STORE=redis with a REDIS_URL (config.ts).
      if (config.REDIS_URL === undefined) throw new Error('STORE=redis without REDIS_URL');
      const redis = await connectRedis(config.REDIS_URL, 'tandem-store');
      logConnectionChanges(redis, log, 'store');
      logDurability(log, await readDurability(redis));
      return new RedisRoomStore(redis, config.REDIS_PREFIX);
    }
  }
}
