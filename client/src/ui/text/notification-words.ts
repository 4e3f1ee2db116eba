import type { NotificationWords } from '../../push/push-store.ts';

/**
 * What a notification says, in English: the base of the `notification` area (push.ts), and what
 * the service worker falls back to when it has no words of the room's kept (a record that did not
 * read back). Neutral: a lock screen says only that the partner wants attention, unless the person
 * chose "Show the signal's name" (then `named_*`).
 */
export const NOTIFICATION_WORDS_EN = {
  signal: 'Your partner sent a signal',
  testAlert: 'Your partner is testing alerts',
  checkIn: 'Your partner is checking in',
  wake: 'Time for your check-in',
  named_pause: 'Your partner: Pause',
  named_slow_down: 'Your partner: Slow down',
  named_check_in: 'Your partner: Check in',
} as const satisfies NotificationWords;
