import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushSettings } from '../../server/push/settings.ts';
import { PushPayload } from '../../shared/push-payload.ts';
import { URGENT_PUSH_TTL_SECONDS, WAKE_PUSH_TTL_SECONDS } from '../../shared/push.ts';
import type { PushSubscriptionJson } from '../../shared/push.ts';
import { LocalPushService } from '../support/push-service.ts';
import type { TestSubscription } from '../support/push-service.ts';
import { expectOk } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';
import type { TestServer } from './support/server.ts';

const PAUSE = { type: 'signal', kind: 'pause' } as const;
const QUIET = { type: 'session_started' } as const;
const HOUR = 3_600_000;

/**
 * Web Push through a local push service that checks the VAPID JWT and opens the RFC 8291 body:
 * what the server sends, when, and what it does with the service's answers. "Nothing was sent"
 * is read after the server's push path is idle (app.push.idle()), never after a sleep.
 */
describe('Web Push', () => {
  const harness = useHarness();
  let service: LocalPushService;

  beforeEach(async () => {
    service = await LocalPushService.start();
  });
  afterEach(async () => {
    await service.close();
    expect(service.refusals()).toEqual([]);
  });

  const settings = (extra: Partial<PushSettings> = {}): PushSettings => ({
    subject: 'mailto:tests@tandem.invalid',
    keys: null,
    serviceHosts: [service.host],
    wakeIntervalMs: 5,
    delivery: { baseDelayMs: 1, maxDelayMs: 5, attempts: 3 },
    ...extra,
  });

  async function subscribed(partner: Partner): Promise<TestSubscription> {
    const subscription = service.subscribe();
    expectOk(await partner.client.request('push:subscribe', { subscription: subscription.json }));
    return subscription;
  }

  /** A room with A and B joined, with their join replies. */
  async function pair(push?: PushSettings) {
    const server = await harness.server(push === undefined ? {} : { push });
    const a = await harness.starter(server);
    const joinedA = await a.enter({ create: true });
    const b = await harness.invitee(a);
    const joinedB = await b.enter();
    const ref = { roomId: a.roomId, incarnation: joinedA.incarnation };
    return { server, a, b, joinedA, joinedB, ref };
  }

  async function idle(server: TestServer): Promise<void> {
    await server.app.push?.idle();
  }

  it('pushes a Pause to a partner who is away: TTL 60, urgency high, sealed with the room key', async () => {
    const { server, a, b, joinedA, joinedB } = await pair(settings());
    const phoneB = await subscribed(b);
    await b.disconnect();
    const sent = await a.sendOk(PAUSE);

    const [push] = await service.waitForPushes(phoneB.id, 1);
    expect(push).toMatchObject({ ttl: URGENT_PUSH_TTL_SECONDS, urgency: 'high' });
    expect(push?.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    const payload = PushPayload.parse(push?.payload);
    if (payload.type !== 'envelope' || payload.envelope === null) throw new Error('no envelope');
    expect(payload).toMatchObject({ roomId: a.roomId });
    expect(payload.envelope).toMatchObject({ seq: sent.seq, eventId: sent.eventId, notify: true });
    // Only the room key opens it, and nothing in it names the signal.
    expect(await b.open(payload.envelope)).toEqual(PAUSE);
    expect(JSON.stringify(push?.payload)).not.toMatch(/pause|signal/i);
    // The key it was signed with is the one the join gave the phones.
    expect(push?.vapidKey).toBe(joinedA.pushKey);
    expect(joinedB.pushKey).toBe(joinedA.pushKey);
    await idle(server);
  });

  it('a shutdown still sends the push of a Pause it stored, retries included, before it closes', async () => {
    const { server, a, b } = await pair(settings());
    const phoneB = await subscribed(b);
    await b.disconnect();
    // The push service fails the first attempt: the retry must still happen during the drain.
    service.answerWith(phoneB.id, 500);
    await a.sendOk(PAUSE);
    await service.waitForAttempts(phoneB.id, 1);
    service.answerWith(phoneB.id, 201);
    await server.close();
    // Delivered by the time the server has closed (a retry may have met the 500 again).
    expect(service.pushesFor(phoneB.id)).toHaveLength(1);
  });

  it('pushes when every connection of the partner says it is hidden', async () => {
    const { a, b } = await harness.pair({ push: settings() });
    const phoneB = await subscribed(b);
    expectOk(await b.client.request('phone:visibility', { hidden: true }));
    await a.sendOk(PAUSE);
    expect(await service.waitForPushes(phoneB.id, 1)).toHaveLength(1);
  });

  it('sends nothing to a partner connected and visible, for a quiet envelope, or for a retry', async () => {
    const { server, a, b } = await harness.pair({ push: settings() });
    const phoneB = await subscribed(b);
    await a.sendOk(PAUSE);
    expectOk(await b.client.request('phone:visibility', { hidden: true }));
    expectOk(await b.client.request('phone:visibility', { hidden: false }));
    await a.sendOk(PAUSE);
    await idle(server);
    expect(service.attemptsFor(phoneB.id)).toEqual([]);

    await b.disconnect();
    await a.sendOk(QUIET);
    await idle(server);
    expect(service.attemptsFor(phoneB.id)).toEqual([]);

    const first = await a.send(PAUSE);
    await service.waitForPushes(phoneB.id, 1);
    const retry = await a.client.request('envelope:send', first.envelope);
    expect(expectOk(retry).duplicate).toBe(true);
    await idle(server);
    expect(service.attemptsFor(phoneB.id)).toHaveLength(1);
  });

  it('forgets a subscription the push service says is gone (410): presence says so, nothing more is sent', async () => {
    const { server, a, b } = await harness.pair({ push: settings() });
    const phoneB = await subscribed(b);
    await a.client.until(() => a.client.presence.at(-1)?.seats[1].push === true, 'push bit on');
    service.answerWith(phoneB.id, 410);
    expectOk(await b.client.request('phone:visibility', { hidden: true }));
    await a.sendOk(PAUSE);
    await service.waitForAttempts(phoneB.id, 1);
    await idle(server);
    await a.client.until(() => a.client.presence.at(-1)?.seats[1].push === false, 'push bit off');
    const room = await server.store.getRoom(a.roomId);
    expect(room?.push).toEqual([false, false]);

    await a.sendOk(PAUSE);
    await idle(server);
    expect(service.attemptsFor(phoneB.id)).toHaveLength(1);
  });

  it('tries a failing push service a bounded number of times (500)', async () => {
    const { server, a, b } = await harness.pair({ push: settings() });
    const phoneB = await subscribed(b);
    service.answerWith(phoneB.id, 500);
    await b.disconnect();
    await a.sendOk(PAUSE);
    await idle(server);
    expect(service.attemptsFor(phoneB.id).map((attempt) => attempt.status)).toEqual([
      500, 500, 500,
    ]);
    // Not gone: the subscription stays for the next push.
    expect((await server.store.getRoom(a.roomId))?.push).toEqual([false, true]);
  });

  it.each<[string, string]>([
    ['another host', 'https://evil.example/push/1'],
    ['a look-alike host', 'https://fcm.googleapis.com.evil.example/push/1'],
    ['http to an allowed service', 'http://fcm.googleapis.com/push/1'],
    ['an internal address', 'https://169.254.169.254/latest/meta-data'],
    ['another port of the service', 'https://fcm.googleapis.com:8443/push/1'],
    ['http to an unlisted loopback name', 'http://localhost:9/push/1'],
  ])('refuses an endpoint outside the allowlist (%s), keeping nothing', async (_name, endpoint) => {
    const { server, a } = await harness.pair({
      push: settings({ serviceHosts: [service.host, 'fcm.googleapis.com'] }),
    });
    const subscription: PushSubscriptionJson = { ...service.subscribe().json, endpoint };
    const reply = await a.client.request('push:subscribe', { subscription });
    expect(reply).toEqual({ ok: false, error: { code: 'push_refused' } });
    expect((await server.store.getRoom(a.roomId))?.push).toEqual([false, false]);
  });

  it('with push off: the join has no key, and subscriptions are refused', async () => {
    const { a, joinedA } = await pair();
    expect(joinedA.pushKey).toBeNull();
    const reply = await a.client.request('push:subscribe', {
      subscription: service.subscribe().json,
    });
    expect(reply).toEqual({ ok: false, error: { code: 'push_refused' } });
    expect(await a.client.request('push:wake', { at: [] })).toEqual({
      ok: false,
      error: { code: 'push_refused' },
    });
  });

  it('removes subscriptions and wakes with the room', async () => {
    const { server, a, b, ref } = await pair(settings());
    const phoneB = await subscribed(b);
    expectOk(await b.client.request('push:wake', { at: [server.clock.now() + HOUR] }));
    expectOk(await a.client.request('room:delete', {}));
    expect(await server.store.pushTargetOf(ref, 1)).toBeNull();
    server.clock.advance(2 * HOUR);
    await idle(server);
    expect(service.attemptsFor(phoneB.id)).toEqual([]);
  });

  it('sends a wake when it comes due, once: normal urgency, its own TTL', async () => {
    const { server, a, ref } = await pair(settings());
    const phoneA = await subscribed(a);
    const due = server.clock.now() + 24 * HOUR;
    expectOk(await a.client.request('push:wake', { at: [due, due + 48 * HOUR] }));
    server.clock.advance(24 * HOUR);
    const [push] = await service.waitForPushes(phoneA.id, 1);
    expect(push).toMatchObject({ ttl: WAKE_PUSH_TTL_SECONDS, urgency: 'normal' });
    expect(PushPayload.parse(push?.payload)).toEqual({
      type: 'wake',
      roomId: a.roomId,
      incarnation: ref.incarnation,
      at: due,
    });
    await idle(server);
    // Taken from the store as it was sent: no other tick or process can send it again.
    expect(await server.store.takeDueWakes(due, 10)).toEqual([]);
    expect(service.attemptsFor(phoneA.id)).toHaveLength(1);
  });

  it('refuses wakes for a seat without a subscription, and keeps none', async () => {
    const { server, a } = await harness.pair({ push: settings() });
    const reply = await a.client.request('push:wake', { at: [server.clock.now() + HOUR] });
    expect(reply).toEqual({ ok: false, error: { code: 'push_refused' } });
    expect(await server.store.takeDueWakes(server.clock.now() + 2 * HOUR, 10)).toEqual([]);
  });

  it('refuses a wake past the longest a room can live, keeping none of the list', async () => {
    const { server, a } = await pair(settings());
    await subscribed(a);
    const now = server.clock.now();
    const reply = await a.client.request('push:wake', {
      at: [now + HOUR, now + server.roomMaxAgeMs + HOUR],
    });
    expect(reply).toEqual({ ok: false, error: { code: 'invalid_payload' } });
    expect(await server.store.takeDueWakes(now + 2 * HOUR, 10)).toEqual([]);
  });

  it('logs the push service host and status, never an endpoint, key or room id', async () => {
    const server = await harness.server({ push: settings(), captureLogs: true });
    const { a, b } = await harness.pairOn(server);
    const phoneB = await subscribed(b);
    const phoneA = await subscribed(a);
    expectOk(await a.client.request('push:wake', { at: [server.clock.now() + HOUR] }));
    server.clock.advance(HOUR);
    await service.waitForPushes(phoneA.id, 1);
    service.answerWith(phoneB.id, 410);
    await b.disconnect();
    await a.sendOk(PAUSE);
    await service.waitForAttempts(phoneB.id, 1);
    await idle(server);
    const refused = { ...service.subscribe().json, endpoint: 'https://evil.example/secret-path' };
    await a.client.request('push:subscribe', { subscription: refused });

    const logs = server.logLines.join('\n');
    expect(logs).toMatch(/push subscription gone/);
    expect(logs).toContain('127.0.0.1');
    for (const secret of [phoneA, phoneB].flatMap((phone) => [
      phone.id,
      phone.json.keys.p256dh,
      phone.json.keys.auth,
    ])) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toContain('secret-path');
    expect(logs).not.toContain(a.roomId);
  });
});
