import { randomUUID } from 'node:crypto';
import type { RedisLinks } from './redis-links.ts';

/**
 * Which Tandem processes are alive on this Redis, as Redis itself knows it: each process
 * subscribes its subscriber connection to a channel named after itself, and Redis drops that
 * subscription the moment the connection ends, which for a process killed without a word is
 * when its kernel closes the socket. `PUBSUB CHANNELS` then lists the processes alive, with no
 * heartbeat or registry of our own to keep or to clean up. (The socket.io adapter counts servers
 * the same way, with PUBSUB NUMSUB, but a count cannot tell one process replaced by another.)
 */
export interface ProcessRoster {
  /** This process's id on the roster. */
  readonly self: string;
  /** The ids of the processes alive now, this one included. */
  alive(): Promise<ReadonlySet<string>>;
}

export async function joinProcessRoster(links: RedisLinks, prefix: string): Promise<ProcessRoster> {
  const channelPrefix = `${prefix}process#`;
  const self = randomUUID();
  await links.subscriber.subscribe(`${channelPrefix}${self}`);
  const pattern = `${escapeGlob(channelPrefix)}*`;
  return {
    self,
    async alive() {
      const channels = await links.commands.pubsub('CHANNELS', pattern);
      return new Set(
        channels
          .map(String)
          .filter((channel) => channel.startsWith(channelPrefix))
          .map((channel) => channel.slice(channelPrefix.length)),
      );
    },
  };
}

/** A prefix is taken literally: glob characters in it are escaped for PUBSUB CHANNELS. */
const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

/**
 * Polls the roster every `intervalMs` and calls `gone` when a process seen before is no longer
 * on it. A poll that fails (Redis unreachable) is skipped: the outage is handled elsewhere
 * (link-watch.ts). Returns a function that stops polling.
 */
export function watchRoster(
  roster: ProcessRoster,
  intervalMs: number,
  gone: (left: readonly string[]) => void,
): () => void {
  let known: ReadonlySet<string> | null = null;
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const alive = await roster.alive();
      const left = known === null ? [] : [...known].filter((id) => !alive.has(id));
      known = alive;
      if (left.length > 0) gone(left);
    } catch {
      // Unreachable now; the next poll compares with what was known before.
    } finally {
      polling = false;
    }
  };
  void poll();
  const timer = setInterval(() => void poll(), intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
