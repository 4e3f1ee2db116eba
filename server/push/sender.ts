import type { Seat } from '../../shared/ids.ts';
import type { Logger } from '../log.ts';
import { roomTag } from '../room-tag.ts';
import type { VapidKeys } from '../store/push-store.ts';
import type { RoomRef } from '../store/room-store.ts';
import type { AttemptOutcome, PushMessage } from './delivery.ts';
import { attemptPush } from './delivery.ts';
import { serviceHostOf } from './endpoint-guard.ts';
import type { DeliverySettings } from './settings.ts';

/** A push for one seat of one room. */
export interface PushJob extends PushMessage {
  readonly room: RoomRef;
  readonly seat: Seat;
  /** What it is, for the log only: `envelope` or `wake`. */
  readonly kind: string;
}

export interface SenderDeps {
  readonly log: Logger;
  readonly vapid: () => Promise<VapidKeys & { readonly subject: string }>;
  readonly settings: DeliverySettings;
  /** The push service refused the subscription for good (404/410): forget it. */
  readonly onGone: (job: PushJob) => Promise<void>;
  /** One attempt; the real one unless a test gives its own. */
  readonly attempt?: typeof attemptPush;
}

/** A job with the attempts it has had so far. */
interface Queued {
  readonly job: PushJob;
  readonly failedAttempts: number;
}

/**
 * Sends pushes in the background: a request that stored an envelope is answered, and the
 * envelope fanned out, without waiting for any push service. At most `concurrency` attempts are
 * in flight; the rest wait in a bounded queue. A failed attempt (network, 429, 5xx) is tried
 * again a bounded number of times after a doubling wait, or as long as Retry-After asks (capped);
 * a job waiting to retry holds no place in flight, so one slow push service cannot hold up the
 * pushes to the others. A subscription the service says is gone (404/410) is forgotten. The log
 * names the room's tag, the push service's host and the status, never the endpoint: it
 * identifies a device.
 */
export class PushSender {
  readonly #deps: SenderDeps;
  readonly #queue: Queued[] = [];
  #active = 0;
  /** Jobs waiting out their retry delay: each timer, and what to do when it fires. */
  readonly #retries = new Map<NodeJS.Timeout, Queued>();
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  constructor(deps: SenderDeps) {
    this.#deps = deps;
  }

  /** Queues a push; never throws, never waits. False when it was dropped (closed, or full). */
  send(job: PushJob): boolean {
    if (this.#closed) return false;
    if (this.#queue.length >= this.#deps.settings.maxQueued) {
      this.#deps.log.warn('push dropped: queue full', { room: roomTag(job.room.roomId) });
      return false;
    }
    this.#queue.push({ job, failedAttempts: 0 });
    this.#pump();
    return true;
  }

  /** How many more pushes the queue takes now: what is taken from the store is never dropped. */
  freePlaces(): number {
    return this.#closed ? 0 : Math.max(0, this.#deps.settings.maxQueued - this.#queue.length);
  }

  /** Resolves once nothing is queued, in flight or waiting to retry (tests, shutdown). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Sends nothing new, and gives up what waits to retry or in the queue; attempts in flight
   * finish. Called once a shutdown has let the queue drain as long as it could (app.ts).
   */
  close(): Promise<void> {
    this.#closed = true;
    this.#queue.length = 0;
    for (const timer of this.#retries.keys()) clearTimeout(timer);
    this.#retries.clear();
    this.#settleIdle();
    return this.idle();
  }

  #isIdle(): boolean {
    return this.#active === 0 && this.#queue.length === 0 && this.#retries.size === 0;
  }

  #pump(): void {
    while (this.#active < this.#deps.settings.concurrency) {
      const queued = this.#queue.shift();
      if (queued === undefined) break;
      this.#active += 1;
      void this.#attempt(queued).finally(() => {
        this.#active -= 1;
        this.#pump();
        this.#settleIdle();
      });
    }
    this.#settleIdle();
  }

  #settleIdle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Queues the job again once its wait is over (ahead of the bound: it was already taken). */
  #retryLater(queued: Queued, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#retries.delete(timer);
      if (this.#closed) return;
      this.#queue.push(queued);
      this.#pump();
    }, delayMs);
    timer.unref();
    this.#retries.set(timer, queued);
  }

  async #attempt({ job, failedAttempts }: Queued): Promise<void> {
    const { settings, log } = this.#deps;
    const attempt = this.#deps.attempt ?? attemptPush;
    const n = failedAttempts + 1;
    const fields = {
      room: roomTag(job.room.roomId),
      kind: job.kind,
      service: serviceHostOf(job.subscription.endpoint),
    };
    try {
      const vapid = await this.#deps.vapid();
      const outcome: AttemptOutcome = await attempt(job, vapid, settings.timeoutMs);
      switch (outcome.type) {
        case 'delivered':
          log.debug('push sent', { ...fields, status: outcome.status, attempts: n });
          return;
        case 'gone':
          log.info('push subscription gone', { ...fields, status: outcome.status });
          await this.#deps.onGone(job);
          return;
        case 'refused':
          log.warn('push refused', { ...fields, status: outcome.status });
          return;
        case 'retry':
          if (n >= settings.attempts || this.#closed) {
            log.warn('push failed', {
              ...fields,
              status: outcome.status ?? 'no answer',
              attempts: n,
            });
            return;
          }
          this.#retryLater(
            { job, failedAttempts: n },
            retryDelay(settings, n, outcome.retryAfterMs),
          );
      }
    } catch (error) {
      log.warn('push failed', { ...fields, error: String(error) });
    }
  }
}

/** Doubling from the base, or what Retry-After asked, never beyond the cap. */
export function retryDelay(
  settings: DeliverySettings,
  failedAttempts: number,
  retryAfterMs: number | null,
): number {
  const backoff = settings.baseDelayMs * 2 ** (failedAttempts - 1);
  return Math.min(settings.maxDelayMs, retryAfterMs ?? backoff);
}
