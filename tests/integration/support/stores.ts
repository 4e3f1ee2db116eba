import { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import type { RoomStore } from '../../../server/store/room-store.ts';
import { tempSqliteStore } from '../../support/temp-sqlite.ts';

/** A store whose whole content a test can read back, to prove what it holds or that it changed. */
export type InspectableStore = RoomStore & { dumpForTests(): string };

/** The stores the integration suites run on: memory (fast) and SQLite (what production runs). */
export const STORE_KINDS = ['memory', 'sqlite'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface TestStore {
  readonly store: InspectableStore;
  /** The file a SQLite store writes, for tests that read its bytes; null for memory. */
  readonly file: string | null;
  /** Removes what the store left on disk; call after the store is closed. */
  readonly dispose: () => void;
}

/** A fresh, empty store of `kind`; a SQLite one on a file of its own in a temp directory. */
export function openTestStore(kind: StoreKind): TestStore {
  switch (kind) {
    case 'memory':
      return { store: new MemoryRoomStore(), file: null, dispose: () => undefined };
    case 'sqlite': {
      const temp = tempSqliteStore();
      return { store: temp.store, file: temp.file, dispose: temp.remove };
    }
  }
}
