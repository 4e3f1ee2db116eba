import { describe, expect, it } from 'vitest';
import type { WishChoice } from '../../../../client/src/room/room-client.ts';
import { EMPTY_CHOICE } from '../../../../client/src/ui/before/wish-choice.ts';
import {
  lastSharedChoice,
  shareStatus,
  startingChoice,
  wishesByGroup,
} from '../../../../client/src/ui/before/wishes-view.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import { foldLog, initialRoomState } from '../../../../shared/reducer.ts';
import { log } from '../../support/logs.ts';
import { queued, viewOf } from './views.ts';

const SHARED: WishChoice = { wishes: ['water', 'hug'], own: ['A walk'], afterwards: 'space' };
const NEWER: WishChoice = { wishes: ['quiet'], own: [], afterwards: 'company' };
const REMEMBERED: WishChoice = { wishes: ['rest'], own: ['Tea'], afterwards: null };

const share = (choice: WishChoice): ContentEvent => ({
  type: 'wishes_shared',
  wishes: [...choice.wishes],
  own: [...choice.own],
  afterwards: choice.afterwards,
});

/** Seat 0 shared SHARED; seat 1 shared NEWER. */
const ROOM = foldLog(log([0, share(SHARED)], [1, share(NEWER)]));

describe('lastSharedChoice', () => {
  it("is the seat's own share in the log, never the partner's", () => {
    expect(lastSharedChoice(viewOf(ROOM), 0)).toEqual(SHARED);
    expect(lastSharedChoice(viewOf(ROOM), 1)).toEqual(NEWER);
    expect(lastSharedChoice(viewOf(initialRoomState), 0)).toBeNull();
  });

  it('is the newest share in the outbox before the log holds it', () => {
    const outbox = [queued(share(NEWER), 4), queued(share(REMEMBERED))];
    expect(lastSharedChoice(viewOf(ROOM, outbox), 0)).toEqual(REMEMBERED);
    expect(lastSharedChoice(viewOf(initialRoomState, outbox), 0)).toEqual(REMEMBERED);
  });
});

describe('startingChoice', () => {
  it.each([
    ['what this seat shared, over what is remembered', ROOM, REMEMBERED, SHARED],
    ['what is remembered, when nothing was shared', initialRoomState, REMEMBERED, REMEMBERED],
    ['nothing, when nothing is shared or remembered', initialRoomState, null, EMPTY_CHOICE],
  ] as const)('starts from %s', (_title, room, remembered, expected) => {
    expect(startingChoice(viewOf(room), 0, remembered)).toEqual(expected);
  });
});

describe('shareStatus', () => {
  it.each([
    ['not shared: nothing shared, editor empty', initialRoomState, [], EMPTY_CHOICE, 'notShared'],
    ['not shared: nothing shared, editor filled', initialRoomState, [], SHARED, 'notShared'],
    ['shared: the editor says what the log holds', ROOM, [], SHARED, 'shared'],
    [
      'shared: the same in another order',
      ROOM,
      [],
      { ...SHARED, wishes: ['hug', 'water'] },
      'shared',
    ],
    ['changed: the editor differs from the log', ROOM, [], NEWER, 'changed'],
    ['sharing: in the outbox, not yet in the log', ROOM, [queued(share(NEWER))], NEWER, 'sharing'],
    [
      'sharing: acknowledged, not yet folded',
      initialRoomState,
      [queued(share(SHARED), 3)],
      SHARED,
      'sharing',
    ],
    ['changed: edited again while sharing', ROOM, [queued(share(NEWER))], SHARED, 'changed'],
  ] as const)('%s', (_title, room, outbox, draft, expected) => {
    expect(shareStatus(viewOf(room, outbox), 0, draft)).toBe(expected);
  });
});

describe('wishesByGroup', () => {
  it('groups in catalogue order and leaves out empty groups', () => {
    expect(wishesByGroup(['message_later', 'quiet', 'water', 'snack'])).toEqual([
      { group: 'body', wishes: ['water', 'snack'] },
      { group: 'words', wishes: ['quiet'] },
      { group: 'space', wishes: ['message_later'] },
    ]);
    expect(wishesByGroup([])).toEqual([]);
  });
});
