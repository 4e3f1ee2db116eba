import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../server/limits/client-address.ts';
import { judgeOrigin } from '../../../server/limits/origin.ts';

describe('clientAddress: X-Forwarded-For read from the right, TRUST_PROXY hops deep', () => {
  it.each<[string, string | undefined, number, string]>([
    ['no proxy: the peer, header ignored', '1.1.1.1, 2.2.2.2', 0, '9.9.9.9'],
    ['one proxy: the address it saw', '1.1.1.1, 2.2.2.2', 1, '2.2.2.2'],
    ['two proxies', '1.1.1.1, 2.2.2.2', 2, '1.1.1.1'],
    ['more hops trusted than listed: the leftmost', '2.2.2.2', 5, '2.2.2.2'],
    ['one proxy, no header: the peer', undefined, 1, '9.9.9.9'],
    ['empty entries skipped', ' , 2.2.2.2 ,', 1, '2.2.2.2'],
  ])('%s', (_name, header, hops, expected) => {
    expect(clientAddress('9.9.9.9', header, hops)).toBe(expected);
  });

  it('folds an IPv4-mapped IPv6 peer into its IPv4 address', () => {
    expect(clientAddress('::ffff:10.0.0.7', undefined, 0)).toBe('10.0.0.7');
  });

  it('never lets what a client writes on the left change the answer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.ipV4(), { maxLength: 5 }),
        fc.array(fc.ipV4(), { maxLength: 5 }),
        fc.nat({ max: 4 }),
        (forged, trusted, hops) => {
          fc.pre(trusted.length >= hops);
          const honest = clientAddress('9.9.9.9', trusted.join(','), hops);
          expect(clientAddress('9.9.9.9', [...forged, ...trusted].join(','), hops)).toBe(honest);
        },
      ),
    );
  });
});

describe('judgeOrigin', () => {
  const base = { host: 'tandem.example', scheme: 'https' as const, allowed: ['https://b.example'] };
  it.each<[string | undefined, string]>([
    ['https://tandem.example', 'allowed'],
    ['https://tandem.example:443', 'allowed'],
    ['http://tandem.example', 'refused'],
    ['https://tandem.example:8443', 'refused'],
    ['https://evil.tandem.example', 'refused'],
    ['https://tandem.example.evil', 'refused'],
    ['https://b.example', 'allowed'],
    ['https://b.example.evil', 'refused'],
    ['null', 'refused'],
    ['file://', 'refused'],
    ['', 'refused'],
    [undefined, 'no_origin'],
  ])('%s -> %s', (origin, verdict) => {
    expect(judgeOrigin({ ...base, origin })).toBe(verdict);
  });

  it('refuses every origin when the host is missing and nothing is allowed', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(
          judgeOrigin({
            origin: new URL(url).origin,
            host: undefined,
            scheme: 'http',
            allowed: [],
          }),
        ).toBe('refused');
      }),
      { numRuns: 50 },
    );
  });
});
