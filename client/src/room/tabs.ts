import * as z from 'zod/mini';
import { RefusedEvent } from './refusal-notice.ts';

/**
 * Two tabs of one browser on one room share one seat, one kept log and one outbox (IndexedDB).
 * Both connect and show the room, but only one sends the outbox, or a Pause would go out twice;
 * the others tell it when they queue something, and it tells them when it has sent it.
 */

/**
 * What one tab tells the others: the outbox or the kept log changed in the local store, or the
 * server refused an event for good (only the sending tab hears that, but the person may have
 * tapped in another tab, which must say "Not sent" too).
 */
const TabNews = z.discriminatedUnion('type', [
  z.object({ type: z.literal('outbox') }),
  z.object({ type: z.literal('log') }),
  z.object({ type: z.literal('refused'), refused: RefusedEvent }),
]);
export type TabNews = z.infer<typeof TabNews>;

/** This tab's line to the other tabs of its browser about one room. */
export interface TabChannel {
  announce(news: TabNews): void;
  close(): void;
}

export interface TabCoordination {
  /**
   * Asks to be the one tab that sends this room's outbox; `onSender` runs once this tab is. The
   * function returned gives it up (the next tab asking then gets it) or withdraws the request.
   */
  claimSender(roomId: string, onSender: () => void): () => void;
  /** Opens this tab's line about `roomId`; `onNews` hears the other tabs' news. */
  channel(roomId: string, onNews: (news: TabNews) => void): TabChannel;
}

/** The part of Web Locks used here (navigator.locks fits it; tests hand in their own). */
export interface SenderLocks {
  request(
    name: string,
    options: { signal: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<unknown>;
}

export interface TabPlatform {
  /** navigator.locks where the browser has it. */
  readonly locks: SenderLocks | undefined;
  /** Opens a BroadcastChannel, where the browser has it. */
  readonly openChannel: ((name: string) => BroadcastChannel) | undefined;
}

const lockName = (roomId: string) => `tandem.room.${roomId}`;

/**
 * Coordination through Web Locks (one holder per room: the sender; when its tab closes the lock
 * passes on by itself) and BroadcastChannel (news). Without Web Locks every tab sends: the
 * server's deduplication keeps that from doubling anything, it only costs a second send.
 */
export function tabCoordination({ locks, openChannel }: TabPlatform): TabCoordination {
  return {
    claimSender(roomId, onSender) {
      if (locks === undefined) {
        onSender();
        return () => undefined;
      }
      const withdraw = new AbortController();
      let giveUp: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        giveUp = resolve;
      });
      locks
        .request(lockName(roomId), { signal: withdraw.signal }, () => {
          onSender();
          return held;
        })
        // Withdrawn before it was granted.
        .catch(() => undefined);
      return () => {
        withdraw.abort();
        giveUp();
      };
    },

    channel(roomId, onNews) {
      if (openChannel === undefined) return { announce: () => undefined, close: () => undefined };
      const channel = openChannel(lockName(roomId));
      channel.onmessage = (event: MessageEvent<unknown>) => {
        // Only this app's tabs share the channel, but what crosses a boundary is checked.
        const news = TabNews.safeParse(event.data);
        if (news.success) onNews(news.data);
      };
      return {
        announce: (news) => {
          channel.postMessage(news);
        },
        close: () => {
          channel.close();
        },
      };
    },
  };
}

/** A tab on its own (no coordination at all): it sends, and there is nobody to tell. */
export const LONE_TAB: TabCoordination = tabCoordination({
  locks: undefined,
  openChannel: undefined,
});

/** This browser's tabs, with whatever of Web Locks and BroadcastChannel it has. */
export function browserTabs(): TabCoordination {
  return tabCoordination({
    locks: typeof navigator === 'undefined' ? undefined : navigator.locks,
    openChannel:
      typeof BroadcastChannel === 'undefined' ? undefined : (name) => new BroadcastChannel(name),
  });
}
