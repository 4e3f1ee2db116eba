import { useSyncExternalStore } from 'react';
import * as z from 'zod/mini';
import type { KeyValueStorage } from '../../room/storage.ts';
import { browserStorage, readJson, writeJson } from '../../room/storage.ts';

/**
 * "Sound": whether alerts play a tone on this phone. Off until the person turns it on (a phone
 * that suddenly makes noise can say more than the person wants), and remembered on this phone.
 */
export const SOUND_KEY = 'tandem.sound';
export const SOUND_BY_DEFAULT = false;

const StoredSound = z.boolean();

/** The remembered choice; off when nothing (or something unreadable) is stored. */
export function readSoundOn(storage: KeyValueStorage): boolean {
  const parsed = StoredSound.safeParse(readJson(storage, SOUND_KEY));
  return parsed.success ? parsed.data : SOUND_BY_DEFAULT;
}

export function rememberSoundOn(storage: KeyValueStorage, on: boolean): void {
  writeJson(storage, SOUND_KEY, on);
}

// ---- One setting for the whole page: every switch and the alert read the same value. ----

const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const soundOn = (): boolean => readSoundOn(browserStorage());

export function setSoundOn(on: boolean): void {
  rememberSoundOn(browserStorage(), on);
  for (const listener of listeners) listener();
}

export const useSoundOn = (): boolean => useSyncExternalStore(subscribe, soundOn);
