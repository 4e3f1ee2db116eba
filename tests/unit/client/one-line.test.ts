import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asOneLine } from '../../../client/src/room/one-line.ts';

describe('asOneLine', () => {
  it.each<[string, string, string]>([
    ['plain words', 'Water nearby', 'Water nearby'],
    ['a pasted tab', 'Water\tnearby', 'Water nearby'],
    ['a run of line breaks', 'Water\r\n\nnearby', 'Water nearby'],
    ['control characters at the ends', '\n Water \u0007', 'Water'],
    ['only control characters', '\u0000\u001f\u007f', ''],
    ['a C1 control character', 'a\u0085b', 'a b'],
    ['emoji and accents kept', ' Café 😀 ', 'Café 😀'],
    ['an empty text', '', ''],
  ])('%s', (_, text, expected) => {
    expect(asOneLine(text)).toBe(expected);
  });

  it('leaves no control character and no space at either end, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const line = asOneLine(text);
        expect(line).not.toMatch(/\p{Cc}/u);
        expect(line).toBe(line.trim());
        expect(asOneLine(line)).toBe(line);
      }),
    );
  });

  it('keeps a text with no control characters as it is, apart from its ends', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!/\p{Cc}/u.test(text));
        expect(asOneLine(text)).toBe(text.trim());
      }),
    );
  });
});
