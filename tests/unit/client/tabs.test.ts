import { describe, expect, it, vi } from 'vitest';
import type { RefusedEvent } from '../../../client/src/room/refusal-notice.ts';
import { TabRole } from '../../../client/src/room/tab-role.ts';
import type { TabNews } from '../../../client/src/room/tabs.ts';
import { LONE_TAB } from '../../../client/src/room/tabs.ts';
import { newRoomId } from '../../support/ids.ts';
import { TestBrowser } from '../../support/test-browser.ts';

const REFUSED_PAUSE: RefusedEvent = {
  type: 'signal',
  eventId: 'refusedPause0123456789',
  kind: 'pause',
};

/** A tab's role, recording what it was told. */
function tabOf(browser: TestBrowser, roomId: string) {
  const told: string[] = [];
  let hear: ((news: TabNews) => void) | null = null;
  let sends: () => void = () => undefined;
  let sendsAgain: (() => void) | null = null;
  /** Resolves once this tab is the sender. */
  const sender = new Promise<void>((resolve) => {
    sends = resolve;
  });
  const role = new TabRole(browser.tabs, roomId, {
    becameSender: () => {
      told.push('sender');
      sends();
      sendsAgain?.();
    },
    heard: (news) => {
      told.push(news.type);
      hear?.(news);
    },
  });
  role.claim();
  /** The next news this tab hears. */
  const nextNews = () =>
    new Promise<TabNews>((resolve) => {
      hear = resolve;
    });
  /** Resolves the next time this tab becomes the sender. */
  const nextSender = () =>
    new Promise<void>((resolve) => {
      sendsAgain = resolve;
    });
  return { role, told, nextNews, sender, nextSender };
}

describe('TabRole: one sender per seat per browser', () => {
  it('R10: the first tab sends; the next waits, and takes over when the sender leaves', async () => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const first = tabOf(browser, room);
    const second = tabOf(browser, room);
    expect([first.role.sending, second.role.sending]).toEqual([true, false]);
    first.role.leave();
    await second.sender;
    expect([first.role.sending, second.role.sending]).toEqual([false, true]);
    expect(second.told).toEqual(['sender']);
    second.role.leave();
    await vi.waitUntil(() => !browser.locks.isHeld(`tandem.room.${room}`));
  });

  it('R10: a tab that leaves before its turn never becomes the sender', async () => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const first = tabOf(browser, room);
    const second = tabOf(browser, room);
    const third = tabOf(browser, room);
    second.role.leave();
    first.role.leave();
    await third.sender;
    expect(second.told).toEqual([]);
    expect(third.role.sending).toBe(true);
    third.role.leave();
  });

  it('R10: a tab that releases (its connection dropped) lets the next one send, and waits its turn after claiming again', async () => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const first = tabOf(browser, room);
    const second = tabOf(browser, room);
    first.role.release();
    await second.sender;
    expect([first.role.sending, second.role.sending]).toEqual([false, true]);
    first.role.claim();
    expect([first.role.sending, second.role.sending]).toEqual([false, true]);
    const again = first.nextSender();
    second.role.leave();
    await again;
    expect(first.role.sending).toBe(true);
    expect(first.told).toEqual(['sender', 'sender']);
    first.role.leave();
  });

  it('rooms and browsers are apart: each has its own sender', () => {
    const browser = new TestBrowser();
    const here = tabOf(browser, newRoomId());
    const elsewhere = tabOf(browser, newRoomId());
    const otherBrowser = tabOf(new TestBrowser(), newRoomId());
    expect([here, elsewhere, otherBrowser].map((tab) => tab.role.sending)).toEqual([
      true,
      true,
      true,
    ]);
    for (const tab of [here, elsewhere, otherBrowser]) tab.role.leave();
  });

  it('news reaches the other tabs of the room, not the teller', async () => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const teller = tabOf(browser, room);
    const listener = tabOf(browser, room);
    const heard = listener.nextNews();
    teller.role.announce({ type: 'outbox' });
    expect(await heard).toEqual({ type: 'outbox' });
    const next = teller.nextNews();
    listener.role.announce({ type: 'log' });
    expect(await next).toEqual({ type: 'log' });
    expect(teller.told).toEqual(['sender', 'log']);
    expect(listener.told).toEqual(['outbox']);
    teller.role.leave();
    listener.role.leave();
  });

  it('R4, R10: a refusal is news: every other tab hears the refused event', async () => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const sender = tabOf(browser, room);
    const tapped = tabOf(browser, room);
    const heard = tapped.nextNews();
    sender.role.announce({ type: 'refused', refused: REFUSED_PAUSE });
    expect(await heard).toEqual({ type: 'refused', refused: REFUSED_PAUSE });
    expect(sender.told).toEqual(['sender']);
    sender.role.leave();
    tapped.role.leave();
  });

  it.each([
    ['the old string form', 'outbox'],
    ['an unknown type', { type: 'gossip' }],
    ['no type', { refused: REFUSED_PAUSE }],
    ['a refusal without its event', { type: 'refused' }],
    ['a refused event of an unknown type', { type: 'refused', refused: { type: 'tap' } }],
    [
      'a refused signal with a malformed event id',
      { type: 'refused', refused: { ...REFUSED_PAUSE, eventId: 'short' } },
    ],
    [
      'a refused signal of an unknown kind',
      { type: 'refused', refused: { ...REFUSED_PAUSE, kind: 'stop' } },
    ],
    [
      'a refused answer without its answer',
      { type: 'refused', refused: { type: 'check_in_answer', eventId: REFUSED_PAUSE.eventId } },
    ],
  ])('ignores a message that is not news: %s', async (_, message) => {
    const browser = new TestBrowser();
    const room = newRoomId();
    const listener = tabOf(browser, room);
    const stranger = browser.tabs.channel(room, () => undefined);
    const heard = listener.nextNews();
    // A raw post of something else, then real news: only the news is heard.
    const raw = new BroadcastChannel(`${browser.channelPrefix}tandem.room.${room}`);
    raw.postMessage(message);
    raw.close();
    stranger.announce({ type: 'log' });
    expect(await heard).toEqual({ type: 'log' });
    expect(listener.told).toEqual(['sender', 'log']);
    stranger.close();
    listener.role.leave();
  });

  it('a tab on its own (no Web Locks) sends at once', () => {
    const told: string[] = [];
    const role = new TabRole(LONE_TAB, newRoomId(), {
      becameSender: () => told.push('sender'),
      heard: () => told.push('news'),
    });
    expect(role.sending).toBe(false);
    role.claim();
    expect(role.sending).toBe(true);
    role.announce({ type: 'outbox' });
    role.leave();
    expect(told).toEqual(['sender']);
  });
});
