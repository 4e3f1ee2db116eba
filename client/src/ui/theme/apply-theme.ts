import { browserStorage } from '../../room/storage.ts';
import type { ThemeChoice } from './theme-choice.ts';
import { readThemeChoice, themeAttribute } from './theme-choice.ts';

/**
 * The browser bar's colour per theme (the <meta name="theme-color"> tags in index.html carry one
 * per scheme for the default; a manual choice overrides both). Same values as --bg in theme.css.
 */
const BAR_COLOUR = { dark: '#111318', light: '#f6f7f9' } as const;

/** Puts `choice` on the page: the attribute theme.css reads, and the browser bar's colour. */
export function applyTheme(choice: ThemeChoice, doc: Document = document): void {
  const attribute = themeAttribute(choice);
  const root = doc.documentElement;
  if (attribute === null) root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', attribute);
  for (const meta of doc.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    // Each tag keeps its scheme's colour in data-scheme-colour so "Match this phone" restores it.
    meta.dataset.schemeColour ??= meta.content;
    meta.content = attribute === null ? meta.dataset.schemeColour : BAR_COLOUR[attribute];
  }
}

/** Called once before the first render, so a remembered choice shows from the first frame. */
export function applyStoredTheme(): void {
  applyTheme(readThemeChoice(browserStorage()));
}
