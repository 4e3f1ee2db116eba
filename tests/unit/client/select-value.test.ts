import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_CHOICES,
  audienceChoiceOf,
  followUpFirstOf,
  itemAudienceOf,
} from '../../../client/src/ui/after/select-value.ts';
import { audienceText } from '../../../client/src/ui/text.ts';
import { FOLLOW_UP_FIRST } from '../../../shared/schedule.ts';

const NOT_AN_OPTION = [
  '',
  'Off',
  'day3',
  'day7',
  ' day1',
  'both ',
  'toString',
  '__proto__',
  'seat0',
];

describe('select values', () => {
  it.each(FOLLOW_UP_FIRST)('follow-up option %s reads as itself', (option) => {
    expect(followUpFirstOf(option)).toBe(option);
  });

  it.each(AUDIENCE_CHOICES)('audience option %s reads as itself', (option) => {
    expect(audienceChoiceOf(option)).toBe(option);
  });

  it.each(NOT_AN_OPTION)('%j is no option of either select', (value) => {
    expect(followUpFirstOf(value)).toBeNull();
    expect(audienceChoiceOf(value)).toBeNull();
  });

  it('offers exactly the audiences the screen has words for', () => {
    expect([...AUDIENCE_CHOICES].sort()).toEqual(Object.keys(audienceText.get()).sort());
  });

  it.each([
    [0, 'both', 'both'],
    [1, 'both', 'both'],
    [0, 'me', 'seat0'],
    [1, 'me', 'seat1'],
    [0, 'partner', 'seat1'],
    [1, 'partner', 'seat0'],
  ] as const)('seat %s choosing %s writes %s', (seat, choice, audience) => {
    expect(itemAudienceOf(choice, seat)).toBe(audience);
  });
});
