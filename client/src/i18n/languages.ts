/**
 * The languages Tandem speaks, and how a phone's preferences pick one. Pure, so the choice is
 * testable without a browser. English is the base: its words live in the code, every other
 * language is a catalogue fetched only when chosen.
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const BASE_LANGUAGE = 'en' satisfies Language;

/** Each language in its own words, so a person who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES = {
  en: 'English',
  es: 'Español',
} as const satisfies Record<Language, string>;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The first of the phone's preferred languages (BCP 47 tags, most preferred first) that Tandem
 * has, else `fallback`. A regional tag counts for its language ("es-MX" is Spanish): phones often
 * list only the regional tag (Safari, Chromium with a region set), and matching it exactly, as
 * @nanostores/i18n's `browser()` does, would show a Spanish phone English.
 */
export function pickLanguage(
  preferred: readonly string[],
  fallback: Language = BASE_LANGUAGE,
): Language {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return fallback;
}

/** A remembered choice as storage holds it: a language, or nothing (follow the phone). */
export const parseChoice = (raw: string | null): Language | undefined =>
  isLanguage(raw) ? raw : undefined;
