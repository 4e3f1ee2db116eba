/**
 * The words of the update offer (issue 15, installable). Neutral like the rest (see text.ts):
 * they say what the app does, never what the room is for.
 */
export const pwaText = {
  /** The banner's landmark name. */
  region: 'Update',
  ready: 'A new version of Tandem is ready.',
  /** The button's accessible name; the e2e tests find it by exactly these words. */
  reload: 'Reload to update',
  later: 'Not now',
} as const;
