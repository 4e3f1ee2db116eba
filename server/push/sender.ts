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

/**
 * Sends pushes in the background: a request that stored an envelope is answered, and the
 * envelope fanned out, without waiting for any push service. At most `concurrency` pushes are in
 * flight; the rest wait in a bounded queue. A failed attempt is retried (network, 429, 5xx) a
 * bounded number of times with doubling waits, as long as Retry-After asks if it asks (capped);
 * a subscription the service says is gone (404/410) is forgotten. The log names the room's tag,
 * the push service's host and the status, never the endpoint: it identifies a device.
 */
export class PushSender {
  readonly #deps: SenderDeps;
  readonly #queue: PushJob[] = [];
  #active = 0;
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  constructor(deps: SenderDeps) {
    this.#deps = deps;
  }

  /** Queues a push; never throws, never waits. */
  send(job: PushJob): void {
    if (this.#closed) return;
    if (this.#queue.length >= this.#deps.settings.maxQueued) {
      this.#deps.log.warn('push dropped: queue full', { room: roomTag(job.room.roomId) });
      return;
    }
    this.#queue.push(job);
    this.#pump();
  }

  /** Resolves once nothing is queued, in flight or waiting to retry (tests, shutdown). */
  idle(): Promise<void> {
    if (this.#active === 0 && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Sends nothing new; pushes under way finish (their retries are cut short). */
  close(): Promise<void> {
    this.#closed = true;
    this.#queue.length = 0;
    return this.idle();
  }

  #pump(): void {
    while (this.#active < this.#deps.settings.concurrency) {
      const job = this.#queue.shift();
      if (job === undefined) break;
      this.#active += 1;
      void this.#deliver(job).finally(() => {
        this.#active -= 1;
        this.#pump();
        this.#settleIdle();
      });
    }
    this.#settleIdle();
  }

  #settleIdle(): void {
    if (this.#active !== 0 || this.#queue.length !== 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #deliver(job: PushJob): Promise<void> {
    const { settings, log } = this.#deps;
    const attempt = this.#deps.attempt ?? attemptPush;
    const fields = {
      room: roomTag(job.room.roomId),
      kind: job.kind,
      service: serviceHostOf(job.subscription.endpoint),
    };
    try {
      const vapid = await this.#deps.vapid();
      for (let n = 1; ; n += 1) {
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
            await delay(retryDelay(settings, n, outcome.retryAfterMs));
        }
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}
