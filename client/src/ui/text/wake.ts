import { i18n } from '../../i18n/i18n.ts';

/**
 * The words of "Keep screen on" (issue 15, stay awake). Neutral like the rest (see text.ts): they
 * say what the phone does, never what the room is for.
 */
export const wakeText = i18n('wake', {
  /** The switch's accessible name; the e2e tests find it by exactly these words (in English). */
  keepScreenOn: 'Keep screen on',
  hint: 'A phone that locks its screen can miss a signal.',
  /** Shown when the platform refused the wake lock, or has none. */
  refused: 'Your screen may turn off — this phone did not allow keeping it on.',
});
