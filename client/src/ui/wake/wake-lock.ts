import * as z from 'zod/mini';
import type { KeyValueStorage } from '../../room/storage.ts';
import { readJson, writeJson } from '../../room/storage.ts';

/**
 * "Keep screen on": the person's choice, kept on this phone under one key, and the rules that say
 * when the screen wake lock is held and when the phone says it could not be. No DOM here; the
 * platform's API is reached through WakeLockKeeper and the hook.
 */
export const KEEP_SCREEN_ON_KEY = 'tandem.keep-screen-on';

/** On until the person turns it off: a phone that locks mid-session drops its connection. */
export const KEEP_SCREEN_ON_BY_DEFAULT = true;

const StoredKeepScreenOn = z.boolean();

/** The remembered choice; the default when nothing (or something unreadable) is stored. */
export function readKeepScreenOn(storage: KeyValueStorage): boolean {
  const parsed = StoredKeepScreenOn.safeParse(readJson(storage, KEEP_SCREEN_ON_KEY));
  return parsed.success ? parsed.data : KEEP_SCREEN_ON_BY_DEFAULT;
}

export function rememberKeepScreenOn(storage: KeyValueStorage, on: boolean): void {
  writeJson(storage, KEEP_SCREEN_ON_KEY, on);
}

/**
 * What became of the last attempt: `idle` nothing held (not wanted), `held` granted, `refused` the
 * platform said no, `unsupported` this browser has no Screen Wake Lock API.
 */
export type WakeLockOutcome = 'idle' | 'held' | 'refused' | 'unsupported';

/**
 * Whether the lock should be held. Only while the page is visible: the platform releases it when
 * the page is hidden and refuses a request from a hidden page, which must not read as a refusal.
 */
export const shouldHoldWakeLock = (chosen: boolean, pageVisible: boolean): boolean =>
  chosen && pageVisible;

/** Whether the phone says plainly that the screen may turn off. Not once the person turned it off. */
export const showsWakeLockRefusal = (chosen: boolean, outcome: WakeLockOutcome): boolean =>
  chosen && (outcome === 'refused' || outcome === 'unsupported');
