/** The slice of Web Storage the client uses; injectable so the room logic is testable. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Reads JSON that this app wrote earlier, or null when absent or unreadable. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

/** Writes JSON; a full or disabled storage must not break a live room, so failures are dropped. */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or quota: the room still works, it just does not survive a reload.
  }
}

/**
 * The browser's localStorage when it works, else a memory-only stand-in (storage blocked by the
 * browser's settings): the room then works, it just does not survive a reload.
 */
let pageStorage: KeyValueStorage | null = null;

export function browserStorage(): KeyValueStorage {
  pageStorage ??= openBrowserStorage();
  return pageStorage;
}

function openBrowserStorage(): KeyValueStorage {
  try {
    const storage = window.localStorage;
    const probe = 'tandem.probe';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => {
        memory.set(key, value);
      },
      removeItem: (key) => {
        memory.delete(key);
      },
    };
  }
}
