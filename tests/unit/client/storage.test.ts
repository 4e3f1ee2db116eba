import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadOrCreateDevice, registerRoomCreator } from '../../../client/src/room/device-record.ts';
import type { KeyValueStorage } from '../../../client/src/room/storage.ts';
import { newRoomId } from '../../support/ids.ts';
import { FullStorage, MemoryStorage } from '../../support/memory-storage.ts';

/**
 * storage.ts keeps the page's storage in a module variable, so each case loads a fresh copy of
 * the module after stubbing `window`.
 */
async function freshBrowserStorage(): Promise<() => KeyValueStorage> {
  vi.resetModules();
  const module = await import('../../../client/src/room/storage.ts');
  return module.browserStorage;
}

/** The fallback works as storage: what is written is read back, and removed. */
function expectWorkingStorage(storage: KeyValueStorage): void {
  expect(storage.getItem('tandem.test')).toBeNull();
  storage.setItem('tandem.test', 'one');
  expect(storage.getItem('tandem.test')).toBe('one');
  storage.setItem('tandem.test', 'two');
  expect(storage.getItem('tandem.test')).toBe('two');
  storage.removeItem('tandem.test');
  expect(storage.getItem('tandem.test')).toBeNull();
  // Removing what is not there is harmless.
  storage.removeItem('tandem.absent');
}

describe('browserStorage()', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to a working memory store when localStorage refuses writes, once per page', async () => {
    const full = new FullStorage();
    vi.stubGlobal('window', { localStorage: full });
    const browserStorage = await freshBrowserStorage();

    const storage = browserStorage();
    expect(storage).not.toBe(full);
    expectWorkingStorage(storage);
    // The same instance every time, so what one part of the page writes another reads; the
    // full storage is probed once, not on every call.
    expect(browserStorage()).toBe(storage);
    expect(browserStorage()).toBe(storage);
    expect(full.writes).toBe(1);
    expect(full.items.size).toBe(0);

    // The room logic works on it: a device record made on it is found again on it.
    const roomId = newRoomId();
    registerRoomCreator(browserStorage(), roomId);
    const record = loadOrCreateDevice(browserStorage(), roomId);
    expect(record.createRoom).toBe(true);
    expect(loadOrCreateDevice(browserStorage(), roomId)).toEqual(record);
  });

  it('falls back when reading window.localStorage itself throws', async () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new DOMException('access denied', 'SecurityError');
      },
    });
    const browserStorage = await freshBrowserStorage();
    const storage = browserStorage();
    expectWorkingStorage(storage);
    expect(browserStorage()).toBe(storage);
  });

  it('falls back when there is no window at all', async () => {
    vi.stubGlobal('window', undefined);
    const browserStorage = await freshBrowserStorage();
    const storage = browserStorage();
    expectWorkingStorage(storage);
    expect(browserStorage()).toBe(storage);
  });

  it('uses localStorage itself when it works, and leaves no probe behind', async () => {
    const local = new MemoryStorage();
    local.setItem('tandem.lastRoom', 'kept');
    vi.stubGlobal('window', { localStorage: local });
    const browserStorage = await freshBrowserStorage();
    expect(browserStorage()).toBe(local);
    expect(browserStorage()).toBe(local);
    expect([...local.items]).toEqual([['tandem.lastRoom', 'kept']]);
  });
});
