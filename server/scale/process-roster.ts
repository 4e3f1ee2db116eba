import { randomUUID } from 'node:crypto';
import type { RedisLinks } from './redis-links.ts';

/**
 * Which Tandem processes are alive on this Redis, as Redis itself knows it: each process
 * subscribes its subscriber connection to a channel named after itself, and Redis drops that
 * subscription the moment the connection ends, which for a process killed without a word is
 * when its kernel closes the socket. `PUBSUB CHANNELS` then lists the processes alive, with no
 * heartbeat or registry of our own to keep or to clean up. (The socket.io adapter counts servers
 * the same way, with PUBSUB NUMSUB, but a count cannot tell one process replaced by another.)
 *
 * A process also announces itself once, as it joins, on a channel every process listens to, so
 * the others know it before it serves anything: one that dies before their next roster read is
 * still missed. Its announcement goes out on its publisher before any request of its adapter, and
 * Redis delivers one connection's messages in order, so a process has heard of another by the
 * time it answers anything that other asked (the presence of a phone joining there, say).
 */
export interface ProcessRoster {
  /** This process's id on the roster. */
  readonly self: string;
  /** The ids of the processes alive now, this one included. */
  alive(): Promise<ReadonlySet<string>>;
  /** Calls `listener` with the id of each process that announces itself from now on. */
  onArrival(listener: (id: string) => void): () => void;
}

export async function joinProcessRoster(links: RedisLinks, prefix: string): Promise<ProcessRoster> {
  const channelPrefix = `${prefix}process#`;
  const arrivals = `${prefix}processes-arriving`;
  const self = randomUUID();
  await links.subscriber.subscribe(`${channelPrefix}${self}`, arrivals);
  await links.publisher.publish(arrivals, self);
  const pattern = `${escapeGlob(channelPrefix)}*`;
  return {
    self,
    onArrival(listener) {
      const onMessage = (channel: string, message: string) => {
        if (channel === arrivals) listener(message);
      };
      links.subscriber.on('message', onMessage);
      return () => {
        links.subscriber.off('message', onMessage);
      };
    },
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
 * Reads the roster every `intervalMs` and calls `gone` when a process known before (read on it,
 * or heard announcing itself) is no longer on it. A read that fails (Redis unreachable) is
 * skipped: the outage is handled elsewhere (link-watch.ts). Returns a function that stops it.
 */
export function watchRoster(
  roster: ProcessRoster,
  intervalMs: number,
  gone: (left: readonly string[]) => void,
): () => void {
  let known = new Set<string>([roster.self]);
  const stopHearing = roster.onArrival((id) => {
    known.add(id);
  });
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const heardBefore = new Set(known);
      const alive = await roster.alive();
      // Announced while this read was under way: kept for the next read to judge.
      const heardSince = [...known].filter((id) => !heardBefore.has(id));
      const left = [...heardBefore].filter((id) => !alive.has(id));
      known = new Set([...alive, ...heardSince]);
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
    stopHearing();
  };
}
