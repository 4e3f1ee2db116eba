import type { WakeLockOutcome } from './wake-lock.ts';

/** The slice of the platform's WakeLockSentinel the keeper uses; a test passes its own. */
export interface WakeSentinel {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/** `navigator.wakeLock.request('screen')`, or null where the API does not exist. */
export type RequestScreenWakeLock = (() => Promise<WakeSentinel>) | null;

/**
 * Holds at most one screen wake lock, as `want()` says. Requests are asynchronous, so the wish can
 * change while one is on its way: a lock granted after it stopped being wanted is released at once,
 * and a second request is never sent while one is pending. A sentinel the platform released (page
 * hidden) is forgotten, so the next `want(true)` asks again.
 */
export class WakeLockKeeper {
  private sentinel: WakeSentinel | null = null;
  private pending = false;
  private wanted = false;

  constructor(
    private readonly request: RequestScreenWakeLock,
    private readonly report: (outcome: WakeLockOutcome) => void,
  ) {}

  want(wanted: boolean): void {
    this.wanted = wanted;
    if (wanted) this.acquire();
    else this.releaseHeld();
  }

  private acquire(): void {
    if (this.request === null) {
      this.report('unsupported');
      return;
    }
    if (this.pending || (this.sentinel !== null && !this.sentinel.released)) return;
    this.pending = true;
    this.request().then(
      (sentinel) => {
        this.pending = false;
        if (!this.wanted) {
          releaseQuietly(sentinel);
          return;
        }
        this.sentinel = sentinel;
        sentinel.addEventListener('release', () => {
          if (this.sentinel === sentinel) this.sentinel = null;
        });
        this.report('held');
      },
      () => {
        this.pending = false;
        // Refused (battery saver, permissions policy, hidden page): the app carries on without it.
        if (this.wanted) this.report('refused');
      },
    );
  }

  private releaseHeld(): void {
    const held = this.sentinel;
    this.sentinel = null;
    if (held !== null && !held.released) releaseQuietly(held);
    this.report('idle');
  }
}

function releaseQuietly(sentinel: WakeSentinel): void {
  // A release that fails leaves nothing to do: the platform drops the lock with the page anyway.
  sentinel.release().catch(() => undefined);
}
