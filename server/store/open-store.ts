import type { Config } from '../config.ts';
import { MemoryRoomStore } from './memory-store.ts';
import type { RoomStore } from './room-store.ts';
import { SqliteRoomStore } from './sqlite/sqlite-store.ts';

/** The store the configuration names. Throws StoreOpenError when it cannot be opened. */
export function openStore(config: Pick<Config, 'STORE' | 'DATA_DIR'>): RoomStore {
  switch (config.STORE) {
    case 'sqlite':
      return SqliteRoomStore.openIn(config.DATA_DIR);
    case 'memory':
      return new MemoryRoomStore();
  }
}
