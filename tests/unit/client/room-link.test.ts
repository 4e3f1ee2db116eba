import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inviteLink, parseFragment } from '../../../client/src/room/room-link.ts';
import { toBase64url } from '../../../shared/crypto/base64url.ts';
import { newRoomSecret } from '../../../shared/crypto/codec.ts';

/**
 * 32 bytes -> 43 characters; the last one carries the final 4 bits and 2 unused ones, which must be
 * zero, so only every 4th letter is canonical there.
 */
const SECRET = newRoomSecret();
const ALL_ZERO = 'A'.repeat(43);
const stem = 'A'.repeat(42);

describe('parseFragment', () => {
  it.each([
    ['', 'home'],
    ['#', 'home'],
  ])('%j -> home', (hash) => {
    expect(parseFragment(hash)).toEqual({ kind: 'home' });
  });

  it.each([
    ['a fresh secret', SECRET],
    ['all zero bytes', ALL_ZERO],
    ['all 0xff bytes', toBase64url(new Uint8Array(32).fill(0xff))],
    ['canonical last character E', `${stem}E`],
    ['canonical last character w', `${stem}w`],
    ['canonical last character 8', `${stem}8`],
    ['- and _ inside', `-_${'A'.repeat(40)}g`],
  ])('#<%s> -> room', (_, secret) => {
    expect(secret).toHaveLength(43);
    expect(parseFragment(`#${secret}`)).toEqual({ kind: 'room', secret });
  });

  it('accepts the fragment without its leading # (as location.hash never is, but harmless)', () => {
    expect(parseFragment(SECRET)).toEqual({ kind: 'room', secret: SECRET });
  });

  it.each([
    ['42 characters', `#${'A'.repeat(42)}`],
    ['44 characters', `#${'A'.repeat(44)}`],
    ['a 22-character room id instead of a secret', `#${'A'.repeat(22)}`],
    ['a plus sign', `#+${'A'.repeat(42)}`],
    ['a slash', `#/${'A'.repeat(42)}`],
    ['padding', `#${'A'.repeat(42)}=`],
    ['a space', `# ${'A'.repeat(42)}`],
    ['a trailing newline', `#${ALL_ZERO}\n`],
    ['a non-ASCII letter', `#${'A'.repeat(42)}é`],
    ['a second #', `##${ALL_ZERO}`],
    ['a query-like suffix', `#${ALL_ZERO}?x=1`],
    ['non-canonical last character B', `#${stem}B`],
    ['non-canonical last character D', `#${stem}D`],
    ['non-canonical last character z', `#${stem}z`],
    ['non-canonical last character _', `#${stem}_`],
    ['non-canonical last character -', `#${stem}-`],
    ['junk', '#hello'],
  ])('%s -> invalid', (_, hash) => {
    expect(parseFragment(hash)).toEqual({ kind: 'invalid' });
  });

  it('every 32-byte secret round-trips; each of its 3 non-canonical spellings is invalid', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const secret = toBase64url(bytes);
        expect(parseFragment(`#${secret}`)).toEqual({ kind: 'room', secret });
        const last = alphabet.indexOf(secret.slice(-1));
        for (const low of [1, 2, 3]) {
          const variant = secret.slice(0, -1) + alphabet.charAt(last + low);
          expect(parseFragment(`#${variant}`)).toEqual({ kind: 'invalid' });
        }
      }),
    );
  });
});

describe('inviteLink', () => {
  it('puts the secret in the fragment of the origin', () => {
    expect(inviteLink('https://tandem.example', SECRET)).toBe(`https://tandem.example/#${SECRET}`);
  });

  it('parses back to the same room through a URL', () => {
    const url = new URL(inviteLink('http://127.0.0.1:5173', SECRET));
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    expect(parseFragment(url.hash)).toEqual({ kind: 'room', secret: SECRET });
  });
});
