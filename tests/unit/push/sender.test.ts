import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log.ts';
import type { AttemptOutcome } from '../../../server/push/delivery.ts';
import type { PushJob } from '../../../server/push/sender.ts';
import { PushSender, retryDelay } from '../../../server/push/sender.ts';
import { DEFAULT_DELIVERY } from '../../../server/push/settings.ts';
import type { DeliverySettings } from '../../../server/push/settings.ts';
import { deferred } from '../../support/deferred.ts';

const job = (n = 0): PushJob => ({
  room: { roomId: `room${String(n)}`, incarnation: 'inc' },
  seat: 1,
  kind: 'envelope',
  subscription: {
    endpoint: 'https://fcm.googleapis.com/fcm/send/x',
    keys: { p256dh: 'p', auth: 'a' },
  },
  body: '{}',
  ttlSeconds: 60,
  urgency: 'high',
});

/** A sender whose attempts answer from `outcomes` in turn, recording each; waits are 0 ms. */
function senderWith(outcomes: AttemptOutcome[], settings: Partial<DeliverySettings> = {}) {
  const attempts: string[] = [];
  const gone: PushJob[] = [];
  const sender = new PushSender({
    log: silentLogger,
    settings: { ...DEFAULT_DELIVERY, baseDelayMs: 0, maxDelayMs: 0, ...settings },
    vapid: () => Promise.resolve({ publicKey: 'P', privateKey: 'S', subject: 'mailto:x@y.z' }),
    onGone: (failed) => {
      gone.push(failed);
      return Promise.resolve();
    },
    attempt: (message) => {
      attempts.push(message.subscription.endpoint);
      return Promise.resolve(outcomes.shift() ?? { type: 'delivered', status: 201 });
    },
  });
  return { sender, attempts, gone };
}

const retry = (status: number | null): AttemptOutcome => ({
  type: 'retry',
  status,
  retryAfterMs: null,
});

describe('PushSender', () => {
  it.each<[string, AttemptOutcome[], number, number]>([
    ['delivered at once', [{ type: 'delivered', status: 201 }], 1, 0],
    ['delivered after two failures', [retry(500), retry(null)], 3, 0],
    ['given up after the bounded attempts', [retry(500), retry(503), retry(429), retry(500)], 3, 0],
    ['gone (410): forgotten, not retried', [{ type: 'gone', status: 410 }], 1, 1],
    ['gone (404): forgotten, not retried', [{ type: 'gone', status: 404 }], 1, 1],
    ['refused (400): dropped, not retried', [{ type: 'refused', status: 400 }], 1, 0],
  ])('%s', async (_name, outcomes, attemptCount, goneCount) => {
    const { sender, attempts, gone } = senderWith(outcomes);
    sender.send(job());
    await sender.idle();
    expect(attempts).toHaveLength(attemptCount);
    expect(gone).toHaveLength(goneCount);
  });

  it('keeps at most `concurrency` pushes in flight, and the rest wait their turn', async () => {
    const gate = deferred<undefined>();
    let inFlight = 0;
    let most = 0;
    const sender = new PushSender({
      log: silentLogger,
      settings: { ...DEFAULT_DELIVERY, concurrency: 2 },
      vapid: () => Promise.resolve({ publicKey: 'P', privateKey: 'S', subject: 'mailto:x@y.z' }),
      onGone: () => Promise.resolve(),
      attempt: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await gate.promise;
        inFlight -= 1;
        return { type: 'delivered', status: 201 };
      },
    });
    for (let n = 0; n < 5; n += 1) sender.send(job(n));
    const idle = sender.idle();
    gate.resolve(undefined);
    await idle;
    expect(most).toBe(2);
  });

  it('drops pushes beyond the queue bound', async () => {
    const { sender, attempts } = senderWith([], { concurrency: 1, maxQueued: 2 });
    for (let n = 0; n < 6; n += 1) sender.send(job(n));
    await sender.idle();
    // One taken at once, two queued behind it; the rest dropped.
    expect(attempts).toHaveLength(3);
  });
});

describe('PushSender: waits and places', () => {
  it('a push waiting to retry holds no place in flight: the next one goes meanwhile', async () => {
    const attempts: string[] = [];
    const second = deferred<undefined>();
    const sender = new PushSender({
      log: silentLogger,
      // One place in flight, and a wait no test would sit through.
      settings: { ...DEFAULT_DELIVERY, concurrency: 1, baseDelayMs: 600_000, maxDelayMs: 600_000 },
      vapid: () => Promise.resolve({ publicKey: 'P', privateKey: 'S', subject: 'mailto:x@y.z' }),
      onGone: () => Promise.resolve(),
      attempt: (message) => {
        attempts.push(message.body);
        if (message.body === 'second') second.resolve(undefined);
        return Promise.resolve(
          message.body === 'first' ? retry(503) : { type: 'delivered', status: 201 },
        );
      },
    });
    sender.send({ ...job(1), body: 'first' });
    sender.send({ ...job(2), body: 'second' });
    await second.promise;
    expect(attempts).toEqual(['first', 'second']);
    // The first still waits to retry: not idle until closed, which gives it up.
    let idle = false;
    void sender.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    await sender.close();
    expect(attempts).toEqual(['first', 'second']);
  });

  it.each<[string, number, number, number]>([
    ['empty', 3, 0, 3],
    ['part full', 3, 2, 1],
    ['full', 3, 3, 0],
  ])('free places: %s', (_name, maxQueued, queued, free) => {
    // Nothing in flight (concurrency 0) so every push sent stays queued.
    const { sender } = senderWith([], { concurrency: 0, maxQueued });
    for (let n = 0; n < queued; n += 1) expect(sender.send(job(n))).toBe(true);
    expect(sender.freePlaces()).toBe(free);
    expect(sender.send(job(9))).toBe(free > 0);
  });

  it('takes nothing once closed', async () => {
    const { sender, attempts } = senderWith([]);
    await sender.close();
    expect(sender.freePlaces()).toBe(0);
    expect(sender.send(job())).toBe(false);
    await sender.idle();
    expect(attempts).toEqual([]);
  });
});

describe('the wait before a retry', () => {
  const settings = { ...DEFAULT_DELIVERY, baseDelayMs: 1_000, maxDelayMs: 30_000 };
  it.each<[number, number | null, number]>([
    [1, null, 1_000],
    [2, null, 2_000],
    [3, null, 4_000],
    [10, null, 30_000],
    [1, 7_000, 7_000],
    [1, 0, 0],
    [1, 3_600_000, 30_000],
  ])('after %i failed attempt(s), Retry-After %s: %i ms', (failed, retryAfter, expected) => {
    expect(retryDelay(settings, failed, retryAfter)).toBe(expected);
  });
});
