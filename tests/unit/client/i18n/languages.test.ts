import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE_LANGUAGE,
  LANGUAGES,
  isLanguage,
  parseChoice,
  pickLanguage,
} from '../../../../client/src/i18n/languages.ts';

describe('the language a phone gets', () => {
  it.each<[string, readonly string[], string]>([
    ['nothing listed', [], 'en'],
    ['English only', ['en-US'], 'en'],
    ['a bare Spanish tag', ['es'], 'es'],
    ['Spain (Chromium and Safari list only the regional tag)', ['es-ES'], 'es'],
    ['Mexico, upper case', ['ES-MX'], 'es'],
    ['an underscore tag', ['es_AR'], 'es'],
    ['French first, then Spanish', ['fr-FR', 'fr', 'es-419'], 'es'],
    ['English before Spanish', ['en-GB', 'es-ES'], 'en'],
    ['Spanish before English', ['es-ES', 'en'], 'es'],
    ['only languages Tandem lacks', ['fr', 'de-DE'], 'en'],
    ['a tag that only starts like Spanish', ['est', 'esperanto'], 'en'],
  ])('%s', (_name, preferred, expected) => {
    expect(pickLanguage(preferred)).toBe(expected);
  });

  it('falls back to the given language when none is listed', () => {
    expect(pickLanguage(['fr'], 'es')).toBe('es');
  });

  it('is always one of the languages, and the first listed one Tandem has', () => {
    const tag = fc.oneof(
      fc.constantFrom(...LANGUAGES, 'fr', 'de', 'pt-BR', 'es-MX', 'en-AU'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 6 }), (preferred) => {
        const picked = pickLanguage(preferred);
        expect(isLanguage(picked)).toBe(true);
        const firstKnown = preferred
          .map((t) => t.trim().toLowerCase().split(/[-_]/)[0])
          .find((primary) => isLanguage(primary));
        expect(picked).toBe(firstKnown ?? BASE_LANGUAGE);
      }),
    );
  });
});

describe('a remembered choice', () => {
  it.each<[string | null, string | undefined]>([
    ['es', 'es'],
    ['en', 'en'],
    [null, undefined],
    ['', undefined],
    ['ES', undefined],
    ['fr', undefined],
    ['"es"', undefined],
  ])('%j reads as %j', (raw, expected) => {
    expect(parseChoice(raw)).toBe(expected);
  });
});
