import { describe, expect, it } from 'vitest';
import { wishGroupText, wishLabelText } from '../../../client/src/ui/text.ts';
import { wishesText } from '../../../client/src/ui/text/before.ts';
import { WISH_GROUPS, WISH_IDS } from '../../../shared/wishes.ts';

/** The catalogue's words live once, in text.ts (wishLabelText, wishGroupText), for every screen that shows them. */
describe('the words of the wish catalogue', () => {
  it('head every group with its own words', () => {
    const headings = WISH_GROUPS.map((group) => wishGroupText.get()[group]);
    expect(headings.every((heading) => heading.trim() !== '')).toBe(true);
    expect(new Set(headings).size).toBe(WISH_GROUPS.length);
  });

  it('name every wish with its own words', () => {
    const labels = WISH_IDS.map((wish) => wishLabelText.get()[wish]);
    expect(labels.every((label) => label.trim() !== '')).toBe(true);
    expect(new Set(labels).size).toBe(WISH_IDS.length);
  });

  it('are not kept a second time by the screens before the session', () => {
    expect(Object.keys(wishesText.get())).not.toContain('groups');
  });
});
