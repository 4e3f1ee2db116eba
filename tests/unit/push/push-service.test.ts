import { randomBytes } from 'node:crypto';
import webpush from 'web-push';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAes128gcm, sealAes128gcm } from '../../support/push/aes128gcm-open.ts';
import { LocalPushService } from '../../support/push-service.ts';

/** The test push service must itself be right, or the server's push tests prove nothing. */

let service: LocalPushService;
beforeEach(async () => {
  service = await LocalPushService.start();
});
afterEach(async () => {
  await service.close();
});

const vapid = webpush.generateVAPIDKeys();

function send(details: webpush.RequestDetails): Promise<Response> {
  return fetch(details.endpoint, {
    method: 'POST',
    headers: details.headers,
    body: details.body === null ? null : new Uint8Array(details.body),
  });
}

async function post(details: webpush.RequestDetails): Promise<number> {
  return (await send(details)).status;
}

function details(
  endpoint: webpush.PushSubscription,
  payload: string,
  subject = 'mailto:t@example.org',
) {
  return webpush.generateRequestDetails(endpoint, payload, {
    vapidDetails: { subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: 60,
    urgency: 'high',
    topic: 'abc',
  });
}

describe('the local push service', () => {
  it('opens what its own RFC 8291 sealer sealed, and refuses a flipped byte', () => {
    const subscription = service.subscribe();
    const sealed = sealAes128gcm(Buffer.from('hello'), subscription.keys, randomBytes(16));
    expect(openAes128gcm(sealed, subscription.keys).toString()).toBe('hello');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    expect(() => openAes128gcm(sealed, subscription.keys)).toThrow();
  });

  it('accepts a web-push request: VAPID verified, body opened, headers recorded', async () => {
    const subscription = service.subscribe();
    expect(await post(details(subscription.json, '{"a":1}'))).toBe(201);
    const [push] = await service.waitForPushes(subscription.id, 1);
    expect(push).toMatchObject({
      ttl: 60,
      urgency: 'high',
      topic: 'abc',
      payload: { a: 1 },
      vapidKey: vapid.publicKey,
    });
    expect(service.refusals()).toEqual([]);
  });

  it('refuses a JWT signed by another key than k', async () => {
    const subscription = service.subscribe();
    const request = details(subscription.json, '{}');
    const other = webpush.generateVAPIDKeys().publicKey;
    request.headers['Authorization'] = String(request.headers['Authorization']).replace(
      /k=.*$/,
      `k=${other}`,
    );
    expect(await post(request)).toBe(401);
    expect(service.refusals()[0]?.refusal).toMatch(/signature/);
  });

  it('refuses a JWT whose audience is another origin', async () => {
    const subscription = service.subscribe();
    const elsewhere = {
      ...subscription.json,
      endpoint: subscription.json.endpoint.replace('127.0.0.1', 'localhost'),
    };
    const request = details(elsewhere, '{}');
    expect(await post({ ...request, endpoint: subscription.json.endpoint })).toBe(401);
    expect(service.refusals()[0]?.refusal).toMatch(/aud/);
  });

  it('refuses a body encrypted to another subscription', async () => {
    const subscription = service.subscribe();
    const other = service.subscribe();
    const request = details(other.json, '{}');
    expect(await post({ ...request, endpoint: subscription.json.endpoint })).toBe(400);
    expect(service.refusals()[0]?.refusal).toMatch(/does not open/);
  });

  it('answers the status set for a subscription, with Retry-After', async () => {
    const subscription = service.subscribe();
    service.answerWith(subscription.id, 429, 3);
    const request = details(subscription.json, '{}');
    const response = await send(request);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(service.pushesFor(subscription.id)).toEqual([]);
    expect(await service.waitForAttempts(subscription.id, 1)).toHaveLength(1);
  });
});
