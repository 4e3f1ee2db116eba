import type { ChecklistItem } from '../../shared/room-state.ts';

/** What an item says, for tests that look items up by their words: a wish by its id. */
export const itemText = ({ what }: ChecklistItem): string =>
  what.type === 'words' ? what.label : what.wish;
