import { describe, expect, it } from 'vitest';
import type { WishChoice } from '../../../../client/src/room/room-client.ts';
import {
  WISH_DRAFT_KEY,
  forgetWishDraft,
  readWishDraft,
  saveWishDraft,
} from '../../../../client/src/ui/before/wish-draft.ts';
import { FullStorage, MemoryStorage } from '../../../support/memory-storage.ts';
import { newRoomId } from '../../../support/ids.ts';

const ROOM = newRoomId();
const OTHER_ROOM = newRoomId();
const DRAFT: WishChoice = { wishes: ['rest', 'water'], own: ['Tea'], afterwards: 'either' };

describe("a room's unshared wishes draft", () => {
  it('comes back for its room only, in catalogue order', () => {
    const storage = new MemoryStorage();
    saveWishDraft(storage, ROOM, DRAFT);
    expect(readWishDraft(storage, ROOM)).toEqual({ ...DRAFT, wishes: ['water', 'rest'] });
    expect(readWishDraft(storage, OTHER_ROOM)).toBeNull();
  });

  it("is one at a time: another room's draft replaces it", () => {
    const storage = new MemoryStorage();
    saveWishDraft(storage, ROOM, DRAFT);
    saveWishDraft(storage, OTHER_ROOM, { wishes: [], own: [], afterwards: 'space' });
    expect([...storage.items.keys()]).toEqual([WISH_DRAFT_KEY]);
    expect(readWishDraft(storage, ROOM)).toBeNull();
    expect(readWishDraft(storage, OTHER_ROOM)?.afterwards).toBe('space');
  });

  it("is forgotten for its room, and leaves another room's draft alone", () => {
    const storage = new MemoryStorage();
    saveWishDraft(storage, ROOM, DRAFT);
    forgetWishDraft(storage, OTHER_ROOM);
    expect(readWishDraft(storage, ROOM)).not.toBeNull();
    forgetWishDraft(storage, ROOM);
    expect(storage.items.size).toBe(0);
  });

  it.each([
    ['not JSON', 'draft'],
    ['no room id', JSON.stringify({ choice: DRAFT })],
    ['a bad room id', JSON.stringify({ roomId: 'x', choice: DRAFT })],
    ['a bad choice', JSON.stringify({ roomId: ROOM, choice: { ...DRAFT, wishes: ['nope'] } })],
  ])('ignores %s, and forgetting clears it away', (_title, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(WISH_DRAFT_KEY, raw);
    expect(readWishDraft(storage, ROOM)).toBeNull();
    forgetWishDraft(storage, ROOM);
    expect(storage.items.size).toBe(0);
  });

  it('a full storage keeps nothing and breaks nothing', () => {
    const storage = new FullStorage();
    expect(() => {
      saveWishDraft(storage, ROOM, DRAFT);
      forgetWishDraft(storage, ROOM);
    }).not.toThrow();
    expect(readWishDraft(storage, ROOM)).toBeNull();
  });
});
