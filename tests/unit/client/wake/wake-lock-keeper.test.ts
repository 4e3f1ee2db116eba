import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WakeSentinel } from '../../../../client/src/ui/wake/wake-lock-keeper.ts';
import { WakeLockKeeper } from '../../../../client/src/ui/wake/wake-lock-keeper.ts';
import type { WakeLockOutcome } from '../../../../client/src/ui/wake/wake-lock.ts';

/** A sentinel like the platform's: released once, by the page or by the platform (page hidden). */
class FakeSentinel implements WakeSentinel {
  released = false;
  private readonly listeners: (() => void)[] = [];

  release(): Promise<void> {
    if (!this.released) {
      this.released = true;
      for (const listener of this.listeners) listener();
    }
    return Promise.resolve();
  }

  addEventListener(_type: 'release', listener: () => void): void {
    this.listeners.push(listener);
  }
}

/** A platform whose requests the test answers one by one, in order. */
class FakePlatform {
  readonly sentinels: FakeSentinel[] = [];
  private readonly waiting: { grant: () => void; refuse: () => void }[] = [];

  readonly request = (): Promise<WakeSentinel> =>
    new Promise((resolve, reject) => {
      this.waiting.push({
        grant: () => {
          const sentinel = new FakeSentinel();
          this.sentinels.push(sentinel);
          resolve(sentinel);
        },
        refuse: () => reject(new DOMException('not allowed', 'NotAllowedError')),
      });
    });

  get requests(): number {
    return this.sentinels.length + this.waiting.length;
  }

  get held(): FakeSentinel[] {
    return this.sentinels.filter((sentinel) => !sentinel.released);
  }

  async grant(): Promise<void> {
    this.next().grant();
    await settle();
  }

  async refuse(): Promise<void> {
    this.next().refuse();
    await settle();
  }

  private next() {
    const first = this.waiting.shift();
    if (first === undefined) throw new Error('no request is waiting');
    return first;
  }
}

/** Lets the keeper's promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function keeperOn(platform: FakePlatform | null) {
  const outcomes: WakeLockOutcome[] = [];
  const keeper = new WakeLockKeeper(platform?.request ?? null, (outcome) => outcomes.push(outcome));
  return { keeper, outcomes, last: () => outcomes.at(-1) };
}

describe('WakeLockKeeper', () => {
  it('requests once when wanted, holds the granted lock, releases it when not', async () => {
    const platform = new FakePlatform();
    const { keeper, last } = keeperOn(platform);
    keeper.want(true);
    keeper.want(true);
    expect(platform.requests).toBe(1);
    await platform.grant();
    expect(last()).toBe('held');
    keeper.want(true);
    expect(platform.requests).toBe(1);
    keeper.want(false);
    expect(platform.held).toEqual([]);
    expect(last()).toBe('idle');
  });

  it('asks again once the platform released the lock (page hidden, then visible)', async () => {
    const platform = new FakePlatform();
    const { keeper } = keeperOn(platform);
    keeper.want(true);
    await platform.grant();
    await platform.sentinels[0]?.release();
    keeper.want(true);
    expect(platform.requests).toBe(2);
    await platform.grant();
    expect(platform.held).toHaveLength(1);
  });

  it('releases a lock granted after it stopped being wanted', async () => {
    const platform = new FakePlatform();
    const { keeper, last } = keeperOn(platform);
    keeper.want(true);
    keeper.want(false);
    await platform.grant();
    expect(platform.held).toEqual([]);
    expect(last()).toBe('idle');
  });

  it('says refused when the platform says no, and held once a later request is granted', async () => {
    const platform = new FakePlatform();
    const { keeper, last } = keeperOn(platform);
    keeper.want(true);
    await platform.refuse();
    expect(last()).toBe('refused');
    keeper.want(true);
    await platform.grant();
    expect(last()).toBe('held');
  });

  it('says unsupported where the API does not exist, and idle when no longer wanted', () => {
    const { keeper, last } = keeperOn(null);
    keeper.want(true);
    expect(last()).toBe('unsupported');
    keeper.want(false);
    expect(last()).toBe('idle');
  });

  it('whatever the order of wishes, grants and platform releases: at most one lock, held only when wanted', async () => {
    type Step = 'want' | 'unwant' | 'grant' | 'refuse' | 'platform-release';
    const step = fc.constantFrom<Step>('want', 'unwant', 'grant', 'refuse', 'platform-release');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const platform = new FakePlatform();
        const { keeper } = keeperOn(platform);
        let wanted = false;
        for (const next of steps) {
          if (next === 'want' || next === 'unwant') {
            wanted = next === 'want';
            keeper.want(wanted);
          } else if (next === 'platform-release') {
            await platform.held[0]?.release();
          } else if (platform.requests > platform.sentinels.length) {
            await (next === 'grant' ? platform.grant() : platform.refuse());
          }
          const pending = platform.requests - platform.sentinels.length;
          expect(platform.held.length + pending).toBeLessThanOrEqual(1);
          if (!wanted) expect(platform.held).toEqual([]);
        }
      }),
    );
  });
});
