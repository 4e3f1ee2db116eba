import type { Redis } from 'ioredis';
import type { RedisLinks } from './redis-links.ts';

export type LinkRole = 'publisher' | 'subscriber' | 'commands';

export interface LinkEvents {
  /** The first of the links dropped while all were up: Redis is out of reach. */
  lost(role: LinkRole): void;
  /** Every link is back and has answered since. */
  restored(): void;
}

export interface LinkWatch {
  /** Every link is up and has answered since it last (re)connected. */
  readonly available: () => boolean;
  stop(): void;
}

/**
 * Follows the process's own Redis links. A link counts as back only once it has answered a PING
 * after reconnecting: Redis answers in order on one connection, so by then the subscriber's
 * subscriptions (sent again by ioredis just before) are in place, and the publisher's queued
 * commands have gone out. Until then, a broadcast could be missed by this process, or arrive from
 * before the outage.
 */
export function watchLinks(links: RedisLinks, events: LinkEvents): LinkWatch {
  const roles: readonly (readonly [LinkRole, Redis])[] = [
    ['publisher', links.publisher],
    ['subscriber', links.subscriber],
    ['commands', links.commands],
  ];
  const down = new Set<LinkRole>();
  const detach: (() => void)[] = [];
  for (const [role, client] of roles) {
    const onClose = () => {
      const wasAvailable = down.size === 0;
      down.add(role);
      if (wasAvailable) events.lost(role);
    };
    const onReady = () => {
      client.ping().then(
        () => {
          // A close after this ready (and before the answer) already marked it down again.
          if (client.status !== 'ready' || !down.has(role)) return;
          down.delete(role);
          if (down.size === 0) events.restored();
        },
        () => undefined,
      );
    };
    client.on('close', onClose);
    client.on('ready', onReady);
    detach.push(() => {
      client.off('close', onClose);
      client.off('ready', onReady);
    });
  }
  return {
    available: () => down.size === 0,
    stop: () => {
      for (const off of detach.splice(0)) off();
    },
  };
}
