import { createI18n, translationsLoading, type ComponentsJSON } from '@nanostores/i18n';
import type { ReadableAtom } from 'nanostores';
import { BASE_LANGUAGE, type Language } from './languages.ts';
import { locale } from './locale.ts';

/**
 * A language's catalogue, fetched as its own chunk (English is the base, written in the code, and
 * never fetched). If it cannot be fetched (offline before it was ever cached), every asked-for
 * area is answered empty, so those areas show English instead of waiting for ever, and the next
 * page load tries again.
 */
async function loadCatalogue(code: Language, areas: string[]): Promise<ComponentsJSON> {
  try {
    const module = (await import(`../locales/${code}.json`)) as { default: ComponentsJSON };
    return module.default;
  } catch {
    return Object.fromEntries(areas.map((area) => [area, {}]));
  }
}

/** Defines an area's words: `i18n('area', { key: 'English words', … })`, read with useStore. */
export const i18n = createI18n(locale, { baseLocale: BASE_LANGUAGE, get: loadCatalogue });

/**
 * Resolves once `messages` is in the current language: at once for English, after the
 * catalogue's chunk for another. The first render waits for it, so a Spanish phone never
 * flashes English words.
 */
export async function translationsReady(messages: ReadableAtom<unknown>): Promise<void> {
  const unbind = messages.listen(() => undefined);
  try {
    await translationsLoading(i18n);
  } finally {
    unbind();
  }
}
