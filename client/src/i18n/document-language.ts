import { locale } from './locale.ts';

/**
 * Keeps <html lang> in step with the language shown, so screen readers pronounce the words
 * right and the browser does not offer to translate Spanish it thinks is English.
 */
export function followLocale(root: HTMLElement): () => void {
  return locale.subscribe((code) => {
    root.lang = code;
  });
}
