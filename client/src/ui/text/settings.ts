import type { ThemeChoice } from '../theme/theme-choice.ts';

/**
 * The words of the Settings section (issue 15, one hand, low light, any eyes). Neutral like the
 * rest (see text.ts). Others add "Language" and "Sound" here.
 */
export const settingsText = {
  heading: 'Settings',
  /** The select's accessible name; the e2e tests find it by exactly this word. */
  theme: 'Theme',
  themes: {
    system: 'Match this phone',
    dark: 'Dark',
    light: 'Light',
  } satisfies Record<ThemeChoice, string>,
} as const;
