import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushSubscriptionJson } from '../../shared/push.ts';
import { openAes128gcm } from './push/aes128gcm-open.ts';
import type { SubscriberKeys } from './push/aes128gcm-open.ts';
import { checkVapid } from './push/vapid-check.ts';

/**
 * A local Web Push service on 127.0.0.1 (plain http), standing in for FCM/Mozilla/Apple in tests:
 * - every POST to `/push/<id>` has its VAPID JWT checked (RFC 8292) and its body opened (RFC 8291,
 *   with the subscription's private key: see ./push/aes128gcm-open.ts);
 * - each request is recorded as an attempt with what it carried and the status answered; one that
 *   passes both checks and is answered 201 is also a delivered push;
 * - the status answered is set per subscription (201 by default; 404/410/429/500 to test the
 *   server's handling), optionally with `Retry-After`;
 * - tests await attempts and pushes with promises (never a sleep).
 * A request that fails a check is answered 400/401/403 (as a real service would) and recorded
 * with its refusal, so a test can assert there were none.
 */

export interface PushAttempt {
  readonly subscriptionId: string;
  readonly endpointPath: string;
  readonly ttl: number | null;
  readonly urgency: string | null;
  readonly topic: string | null;
  /** The decrypted body parsed as JSON; null for an empty body (or a refused request). */
  readonly payload: unknown;
  /** The VAPID public key (`k`) the request was signed with. */
  readonly vapidKey: string | null;
  /** Why the service refused it (bad VAPID, undecryptable body), or null. */
  readonly refusal: string | null;
  readonly status: number;
}

export interface TestSubscription {
  readonly id: string;
  /** What a browser's `PushSubscription.toJSON()` gives, pointing at this service. */
  readonly json: PushSubscriptionJson;
  readonly keys: SubscriberKeys;
}

interface Answer {
  readonly status: number;
  readonly retryAfterSeconds?: number;
}

interface Waiter {
  readonly matches: (attempts: readonly PushAttempt[]) => boolean;
  readonly resolve: () => void;
}

export class LocalPushService {
  readonly attempts: PushAttempt[] = [];
  private readonly subscriptions = new Map<string, TestSubscription>();
  private readonly answers = new Map<string, Answer>();
  private waiters: Waiter[] = [];

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`: the audience a VAPID JWT must name. */
    readonly origin: string,
  ) {}

  static async start(): Promise<LocalPushService> {
    let service: LocalPushService | null = null;
    const server = createServer((request, response) => {
      if (service) void service.handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    service = new LocalPushService(server, `http://127.0.0.1:${port}`);
    return service;
  }

  /** The host to list in the server's PUSH_SERVICE_HOSTS. */
  get host(): string {
    return '127.0.0.1';
  }

  /** A fresh subscription (P-256 key pair, 16-byte auth secret) whose endpoint is this service. */
  subscribe(): TestSubscription {
    const ecdh = createECDH('prime256v1');
    const publicKey = ecdh.generateKeys();
    const keys: SubscriberKeys = {
      publicKey,
      privateKey: ecdh.getPrivateKey(),
      authSecret: randomBytes(16),
    };
    const id = randomUUID();
    const subscription: TestSubscription = {
      id,
      keys,
      json: {
        endpoint: `${this.origin}/push/${id}`,
        keys: {
          p256dh: publicKey.toString('base64url'),
          auth: keys.authSecret.toString('base64url'),
        },
      },
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  /** From now on, answer requests for this subscription with `status` (201 by default). */
  answerWith(subscriptionId: string, status: number, retryAfterSeconds?: number): void {
    this.answers.set(
      subscriptionId,
      retryAfterSeconds === undefined ? { status } : { status, retryAfterSeconds },
    );
  }

  /** Requests for this subscription, in arrival order. */
  attemptsFor(subscriptionId: string): PushAttempt[] {
    return this.attempts.filter((attempt) => attempt.subscriptionId === subscriptionId);
  }

  /** Pushes delivered (answered 201, checks passed) to this subscription. */
  pushesFor(subscriptionId: string): PushAttempt[] {
    return this.attemptsFor(subscriptionId).filter(isDelivered);
  }

  /** Refused requests (bad VAPID or body) to any subscription: a correct server has none. */
  refusals(): PushAttempt[] {
    return this.attempts.filter((attempt) => attempt.refusal !== null);
  }

  /** Resolves once this subscription has had `count` delivered pushes; gives them. */
  async waitForPushes(subscriptionId: string, count: number): Promise<PushAttempt[]> {
    await this.until(
      (attempts) =>
        attempts.filter((a) => a.subscriptionId === subscriptionId && isDelivered(a)).length >=
        count,
    );
    return this.pushesFor(subscriptionId);
  }

  /** Resolves once this subscription has had `count` requests, whatever was answered. */
  async waitForAttempts(subscriptionId: string, count: number): Promise<PushAttempt[]> {
    await this.until(
      (attempts) => attempts.filter((a) => a.subscriptionId === subscriptionId).length >= count,
    );
    return this.attemptsFor(subscriptionId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private until(matches: (attempts: readonly PushAttempt[]) => boolean): Promise<void> {
    if (matches(this.attempts)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', this.origin).pathname;
    const id = /^\/push\/([0-9a-f-]{36})$/.exec(path)?.[1];
    const subscription = id === undefined ? undefined : this.subscriptions.get(id);
    if (request.method !== 'POST' || !subscription) {
      response.writeHead(404).end();
      return;
    }
    const vapid = checkVapid(request.headers.authorization, this.origin, Date.now());
    let refusal = vapid.refusal;
    let payload: unknown = null;
    if (refusal === null) {
      const opened = openBody(request, body, subscription.keys);
      refusal = opened.refusal;
      payload = opened.payload;
    }
    const answer = this.answers.get(subscription.id) ?? { status: 201 };
    const status = refusal === null ? answer.status : vapid.refusal === null ? 400 : 401;
    this.record({
      subscriptionId: subscription.id,
      endpointPath: path,
      ttl: numberHeader(request, 'ttl'),
      urgency: textHeader(request, 'urgency'),
      topic: textHeader(request, 'topic'),
      payload,
      vapidKey: vapid.publicKey,
      refusal,
      status,
    });
    if (answer.retryAfterSeconds !== undefined && refusal === null) {
      response.setHeader('Retry-After', String(answer.retryAfterSeconds));
    }
    response.writeHead(status).end();
  }

  private record(attempt: PushAttempt): void {
    this.attempts.push(attempt);
    const ready = this.waiters.filter((waiter) => waiter.matches(this.attempts));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }
}

function isDelivered(attempt: PushAttempt): boolean {
  return attempt.refusal === null && attempt.status === 201;
}

function openBody(
  request: IncomingMessage,
  body: Buffer,
  keys: SubscriberKeys,
): { refusal: string | null; payload: unknown } {
  if (body.length === 0) return { refusal: null, payload: null };
  if (request.headers['content-encoding'] !== 'aes128gcm') {
    return { refusal: 'content-encoding is not aes128gcm', payload: null };
  }
  try {
    return { refusal: null, payload: JSON.parse(openAes128gcm(body, keys).toString('utf8')) };
  } catch (error) {
    return { refusal: `body does not open: ${(error as Error).message}`, payload: null };
  }
}

function textHeader(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function numberHeader(request: IncomingMessage, name: string): number | null {
  const value = textHeader(request, name);
  return value === null ? null : Number(value);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
