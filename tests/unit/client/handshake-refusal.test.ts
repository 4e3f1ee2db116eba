import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../client/src/room/handshake-refusal.ts';
import { edgeText } from '../../../client/src/ui/text/edge.ts';

describe('refusalOf: what /connect-check answered, read without trusting it', () => {
  it.each<[unknown, string | null]>([
    [{ refused: 'origin_not_allowed' }, 'origin_not_allowed'],
    [{ refused: 'too_many_connections' }, 'too_many_connections'],
    [{ refused: null }, null],
    [{ refused: 'toString' }, null],
    [{ refused: 'something_new' }, null],
    [null, null],
    ['origin_not_allowed', null],
  ])('%j -> %s', (answer, expected) => {
    expect(refusalOf(answer)).toBe(expected);
  });

  it('has words for every reason', () => {
    expect(Object.keys(edgeText.get()).sort()).toEqual([
      'origin_not_allowed',
      'too_many_connections',
    ]);
  });
});
