import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchLinks } from '../../../server/scale/link-watch.ts';
import type { LinkRole } from '../../../server/scale/link-watch.ts';
import { memoryTurns } from '../../../server/scale/presence-turns.ts';
import { watchRoster } from '../../../server/scale/process-roster.ts';
import type { ProcessRoster } from '../../../server/scale/process-roster.ts';
import type { RedisLinks } from '../../../server/scale/redis-links.ts';

/** A roster whose reads the test answers one by one, and whose arrivals it announces. */
class ScriptedRoster implements ProcessRoster {
  readonly self = 'self';
  readonly #reads: ((alive: ReadonlySet<string>) => void)[] = [];
  readonly #failures: ((error: Error) => void)[] = [];
  readonly #arrivals = new Set<(id: string) => void>();
  readonly #waiting = new Set<() => void>();

  alive(): Promise<ReadonlySet<string>> {
    return new Promise((resolve, reject) => {
      this.#reads.push(resolve);
      this.#failures.push(reject);
      for (const wake of [...this.#waiting]) wake();
    });
  }

  onArrival(listener: (id: string) => void): () => void {
    this.#arrivals.add(listener);
    return () => this.#arrivals.delete(listener);
  }

  arrive(id: string): void {
    for (const listener of this.#arrivals) listener(id);
  }

  /** Answers the oldest read still waiting (waiting for one to be asked, if none is). */
  async answer(alive: readonly string[]): Promise<void> {
    await this.#asked();
    this.#failures.shift();
    this.#reads.shift()?.(new Set(alive));
    await settle();
  }

  async fail(): Promise<void> {
    await this.#asked();
    this.#reads.shift();
    this.#failures.shift()?.(new Error('unreachable'));
    await settle();
  }

  #asked(): Promise<void> {
    if (this.#reads.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.#waiting.delete(wake);
        resolve();
      };
      this.#waiting.add(wake);
    });
  }
}

/** Lets every promise already settled run its reactions (setImmediate is not faked here). */
const settle = () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });

const INTERVAL_MS = 1_000;

/**
 * Each case: what the roster answers read after read ('fail' for a read Redis did not answer,
 * `+id` for a process heard arriving before that read), and which processes `gone` was told of.
 * The first read is at once, each next one when the test moves the (fake) interval on.
 */
const ROSTER_CASES: readonly {
  readonly name: string;
  readonly reads: readonly (readonly string[] | 'fail')[];
  readonly arrivals?: Readonly<Record<number, string>>;
  readonly gone: readonly (readonly string[])[];
}[] = [
  {
    name: 'nobody leaves',
    reads: [
      ['self', 'p'],
      ['self', 'p'],
    ],
    gone: [],
  },
  { name: 'a process read before is gone', reads: [['self', 'p'], ['self']], gone: [['p']] },
  {
    name: 'a process heard arriving, never read, is gone',
    reads: [['self'], ['self']],
    arrivals: { 1: 'p' },
    gone: [['p']],
  },
  {
    name: 'a failed read forgets nothing',
    reads: [['self', 'p'], 'fail', ['self']],
    gone: [['p']],
  },
  { name: 'a new process is no loss', reads: [['self'], ['self', 'q']], gone: [] },
];

describe('watchRoster', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const { name, reads, arrivals = {}, gone } of ROSTER_CASES) {
    it(name, async () => {
      const roster = new ScriptedRoster();
      const told: string[][] = [];
      const stop = watchRoster(roster, INTERVAL_MS, (left) => told.push([...left]));
      try {
        for (const [index, read] of reads.entries()) {
          const arriving = arrivals[index];
          if (arriving !== undefined) roster.arrive(arriving);
          if (index > 0) vi.advanceTimersByTime(INTERVAL_MS);
          if (read === 'fail') await roster.fail();
          else await roster.answer(read);
        }
        expect(told).toEqual(gone);
      } finally {
        stop();
      }
    });
  }
});

/** A Redis connection as link-watch sees it: events, a status and PING. */
class FakeLink extends EventEmitter {
  status = 'ready';
  pongs: (() => void)[] = [];

  ping(): Promise<string> {
    return new Promise((resolve) => {
      this.pongs.push(() => {
        resolve('PONG');
      });
    });
  }

  drop(): void {
    this.status = 'reconnecting';
    this.emit('close');
  }

  reconnect(): void {
    this.status = 'ready';
    this.emit('ready');
  }

  async answerPing(): Promise<void> {
    this.pongs.shift()?.();
    await Promise.resolve();
    await Promise.resolve();
  }
}

function fakeLinks() {
  const [publisher, subscriber, commands] = [new FakeLink(), new FakeLink(), new FakeLink()];
  const links = {
    publisher: publisher as unknown as Redis,
    subscriber: subscriber as unknown as Redis,
    commands: commands as unknown as Redis,
    close: () => Promise.resolve(),
  } satisfies RedisLinks;
  return { links, publisher, subscriber, commands };
}

describe('watchLinks', () => {
  it('says lost once for an outage, and restored only once every link has answered since', async () => {
    const { links, publisher, subscriber, commands } = fakeLinks();
    const events: string[] = [];
    const watch = watchLinks(links, {
      lost: (role: LinkRole) => events.push(`lost ${role}`),
      restored: () => events.push('restored'),
    });
    expect(watch.available()).toBe(true);
    subscriber.drop();
    publisher.drop();
    commands.drop();
    expect(events).toEqual(['lost subscriber']);
    expect(watch.available()).toBe(false);

    for (const link of [publisher, subscriber, commands]) link.reconnect();
    // Ready is not enough: each must answer a PING first (the subscriptions are back by then).
    expect(watch.available()).toBe(false);
    await publisher.answerPing();
    await commands.answerPing();
    expect(watch.available()).toBe(false);
    await subscriber.answerPing();
    expect(watch.available()).toBe(true);
    expect(events).toEqual(['lost subscriber', 'restored']);
    watch.stop();
  });

  it('a link that drops again before its PING is answered stays down', async () => {
    const { links, subscriber } = fakeLinks();
    const events: string[] = [];
    const watch = watchLinks(links, {
      lost: (role) => events.push(`lost ${role}`),
      restored: () => events.push('restored'),
    });
    subscriber.drop();
    subscriber.reconnect();
    subscriber.drop();
    await subscriber.answerPing();
    expect(watch.available()).toBe(false);
    subscriber.reconnect();
    await subscriber.answerPing();
    await subscriber.answerPing();
    expect(watch.available()).toBe(true);
    expect(events).toEqual(['lost subscriber', 'restored']);
    watch.stop();
  });
});

describe('memoryTurns', () => {
  it('hands out one rising sequence', async () => {
    const turns = memoryTurns();
    const room = { roomId: 'r', incarnation: 'i' };
    const drawn = [await turns.next(room), await turns.next(room), await turns.next(room)];
    expect(drawn).toEqual([1, 2, 3]);
  });
});
