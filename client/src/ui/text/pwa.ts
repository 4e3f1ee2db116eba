import { i18n } from '../../i18n/i18n.ts';

/**
 * The words of the update offer (issue 15, installable). Neutral like the rest (see text.ts):
 * they say what the app does, never what the room is for.
 */
export const pwaText = i18n('pwa', {
  /** The banner's landmark name. */
  region: 'Update',
  ready: 'A new version of Tandem is ready.',
  /** The button's accessible name; the e2e tests find it by exactly these words (in English). */
  reload: 'Reload to update',
  later: 'Not now',
});
