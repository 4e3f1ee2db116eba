import type { KeyValueStorage } from '../../room/storage.ts';

/**
 * The colour theme a person picked on this phone. `system` follows the phone's setting (light when
 * it prefers light, otherwise dark): the stylesheet does that by itself with
 * `prefers-color-scheme`, so only a manual choice needs the `data-theme` attribute on <html>.
 */
export const THEME_CHOICES = ['system', 'dark', 'light'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** Where the choice is kept: on this phone only, never sent. */
export const THEME_KEY = 'tandem.theme';

export function parseThemeChoice(raw: string | null): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === raw) ?? 'system';
}

export function readThemeChoice(storage: KeyValueStorage): ThemeChoice {
  try {
    return parseThemeChoice(storage.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

export function rememberThemeChoice(storage: KeyValueStorage, choice: ThemeChoice): void {
  try {
    // The default is stored as its absence, so a phone that never chose keeps no key.
    if (choice === 'system') storage.removeItem(THEME_KEY);
    else storage.setItem(THEME_KEY, choice);
  } catch {
    // Storage blocked: the choice holds for this page, it just does not survive a reload.
  }
}

/** The `data-theme` value for a choice; none for `system`, which the stylesheet resolves. */
export function themeAttribute(choice: ThemeChoice): 'dark' | 'light' | null {
  switch (choice) {
    case 'system':
      return null;
    case 'dark':
    case 'light':
      return choice;
  }
}
