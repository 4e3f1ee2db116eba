import type { KeyValueStorage } from './storage.ts';

/**
 * The room this browser was last in, so closing the tab mid-session does not strand anyone: the
 * start screen offers the way back. Forgotten when the room is deleted or has ended.
 */
const KEY = 'tandem.lastRoom';

export const rememberRoom = (storage: KeyValueStorage, secret: string) => {
  try {
    storage.setItem(KEY, secret);
  } catch {
    // Storage unavailable: there is simply no way back offered later.
  }
};

export const lastRoom = (storage: KeyValueStorage): string | null => storage.getItem(KEY);

export const forgetRoom = (storage: KeyValueStorage, secret: string) => {
  if (storage.getItem(KEY) === secret) storage.removeItem(KEY);
};
