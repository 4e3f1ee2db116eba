import { localeFrom } from '@nanostores/i18n';
import { atom, onMount } from 'nanostores';
import { browserStorage } from '../room/storage.ts';
import { BASE_LANGUAGE, parseChoice, pickLanguage, type Language } from './languages.ts';

/** Where this phone remembers a language picked with the "Language" switch. */
export const LANGUAGE_KEY = 'tandem.language';

/**
 * The language picked on this phone, or undefined to match the phone's own languages. Kept in
 * localStorage by hand (two calls) rather than with @nanostores/persistent: one more package for
 * one key is not worth it.
 */
export const languageChoice = atom<Language | undefined>(
  parseChoice(browserStorage().getItem(LANGUAGE_KEY)),
);

/** Picks a language for good on this phone, or (undefined) goes back to matching the phone. */
export function chooseLanguage(choice: Language | undefined): void {
  try {
    if (choice === undefined) browserStorage().removeItem(LANGUAGE_KEY);
    else browserStorage().setItem(LANGUAGE_KEY, choice);
  } catch {
    // Storage full or blocked: the choice still holds until the page goes.
  }
  languageChoice.set(choice);
}

const phoneLanguages = (): readonly string[] => {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
};

/**
 * The phone's own language among Tandem's, like @nanostores/i18n's `browser()` but matching
 * regional tags too (see pickLanguage), and following a change of the phone's languages.
 */
export const phoneLanguage = atom<Language>(BASE_LANGUAGE);
onMount(phoneLanguage, () => {
  const update = () => {
    phoneLanguage.set(pickLanguage(phoneLanguages()));
  };
  update();
  if (typeof window === 'undefined') return undefined;
  window.addEventListener('languagechange', update);
  return () => {
    window.removeEventListener('languagechange', update);
  };
});

/** The language every word is shown in: the remembered choice, else the phone's. */
export const locale = localeFrom<Language>(languageChoice, phoneLanguage);
