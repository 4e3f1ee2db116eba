import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineStyleHashes } from '../../server/http/inline-style-hashes.ts';

const sha = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

describe('inlineStyleHashes: the CSP sources that allow exactly the page’s own <style> elements', () => {
  it.each([
    { page: 'no style', html: '<!doctype html><title>Tandem</title>', expected: [] },
    {
      page: 'one style',
      html: '<head><style>body{margin:0}</style></head>',
      expected: [sha('body{margin:0}')],
    },
    {
      page: 'a style over several lines, hashed as written',
      html: '<style>\n  a { color: red; }\n</style>',
      expected: [sha('\n  a { color: red; }\n')],
    },
    {
      page: 'two different styles',
      html: '<style>a{}</style><p>x</p><style>b{}</style>',
      expected: [sha('a{}'), sha('b{}')],
    },
    {
      page: 'the same style twice, listed once',
      html: '<style>a{}</style><style>a{}</style>',
      expected: [sha('a{}')],
    },
    {
      page: 'non-ASCII text hashed as UTF-8',
      html: '<style>q::before{content:"¿"}</style>',
      expected: [sha('q::before{content:"¿"}')],
    },
  ])('$page', ({ html, expected }) => {
    expect(inlineStyleHashes(html)).toEqual(expected);
  });

  it('matches the hash a browser computes (the CSP3 example of an empty style)', () => {
    expect(inlineStyleHashes('<style></style>')).toEqual([
      "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    ]);
  });
});
