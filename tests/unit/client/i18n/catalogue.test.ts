/// <reference types="vite/client" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../client/src/i18n/i18n.ts';
import { LANGUAGES } from '../../../../client/src/i18n/languages.ts';

// Every module that defines words (text.ts and text/*), so the English base below holds every
// area, including those added later.
import.meta.glob(['../../../../client/src/ui/text.ts', '../../../../client/src/ui/text/*.ts'], {
  eager: true,
});

type Words = string | { readonly [key: string]: Words };

/**
 * English as the code defines it: each area's words, `count` forms as objects. The library keeps
 * the base there as plain JSON (the inputs of params/count), though it types the cache loosely.
 */
const english = i18n.cache.en as unknown as Record<string, Record<string, Words>>;

const catalogue = (code: string): Record<string, Record<string, Words>> =>
  JSON.parse(
    readFileSync(new URL(`../../../../client/src/locales/${code}.json`, import.meta.url), 'utf8'),
  ) as Record<string, Record<string, Words>>;

/** Every string under `words`, by its dotted path. */
function strings(words: Words, path: string): [string, string][] {
  if (typeof words === 'string') return [[path, words]];
  return Object.entries(words).flatMap(([key, inner]) => strings(inner, `${path}.${key}`));
}

const paramsOf = (words: string): string[] =>
  [...words.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const isPlural = (words: Words): words is Record<string, Words> =>
  typeof words === 'object' && Object.keys(words).every((key) => PLURAL_FORMS.has(key));

const others = LANGUAGES.filter((code) => code !== 'en');

describe('the English base', () => {
  it('has areas with words in them', () => {
    expect(Object.keys(english).length).toBeGreaterThan(20);
    for (const [path, words] of strings(english, 'en')) expect(words.trim(), path).not.toBe('');
  });
});

describe.each(others)('the %s catalogue', (code) => {
  const translated = catalogue(code);

  it('has exactly the areas and keys of English', () => {
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
    for (const [area, words] of Object.entries(english)) {
      expect(Object.keys(translated[area] ?? {}).sort(), area).toEqual(Object.keys(words).sort());
    }
  });

  it('leaves no words empty', () => {
    for (const [path, words] of strings(translated, code)) expect(words.trim(), path).not.toBe('');
  });

  it('keeps every {param} of English in every form, and adds none', () => {
    for (const [area, words] of Object.entries(english)) {
      for (const [key, base] of Object.entries(words)) {
        const expected = [...new Set(strings(base, '').flatMap(([, w]) => paramsOf(w)))].sort();
        for (const [path, theirs] of strings(translated[area]?.[key] ?? '', `${area}.${key}`)) {
          expect([...new Set(paramsOf(theirs))].sort(), path).toEqual(expected);
        }
      }
    }
  });

  it('gives every plural English counts with the forms the language needs', () => {
    const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    for (const [area, words] of Object.entries(english)) {
      for (const [key, base] of Object.entries(words)) {
        if (!isPlural(base)) continue;
        const theirs = translated[area]?.[key];
        expect(theirs !== undefined && isPlural(theirs), `${area}.${key} counts`).toBe(true);
        if (theirs === undefined || !isPlural(theirs)) continue;
        // A form the language has but the catalogue lacks falls back to "other" (count()).
        for (const form of needed) {
          expect(form in theirs || 'other' in theirs, `${area}.${key}.${form}`).toBe(true);
        }
        expect(
          Object.keys(theirs).every((form) => needed.includes(form as Intl.LDMLPluralRule)),
          `${area}.${key}`,
        ).toBe(true);
        for (const form of Object.keys(base)) expect(theirs, `${area}.${key}`).toHaveProperty(form);
      }
    }
  });
});
