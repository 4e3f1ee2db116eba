import type { KeyValueStorage } from '../../client/src/room/storage.ts';

/** Web Storage's slice the client uses, kept in a Map: one per simulated browser. */
export class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  /** Keys that mention `roomId`: what this browser still holds of that room. */
  keysFor(roomId: string): string[] {
    return [...this.items.keys()].filter((key) => key.includes(roomId));
  }
}

/** A storage that is full (or disabled): every write throws, as `localStorage` does on quota. */
export class FullStorage extends MemoryStorage {
  writes = 0;

  override setItem(key: string, value: string): void {
    this.writes += 1;
    throw new DOMException(
      `quota exceeded writing ${key} (${String(value.length)} chars)`,
      'QuotaExceededError',
    );
  }
}
