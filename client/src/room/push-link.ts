import type { RequestOf } from '../../../shared/protocol.ts';
import type { PushSubscriptionJson } from '../../../shared/push.ts';
import { MAX_WAKES } from '../../../shared/push.ts';
import type { FailureAction } from './request-failure.ts';
import { failureAction } from './request-failure.ts';
import type { Reply } from './room-socket.ts';

/** The requests this link makes, all of them "the latest value replaces the one before". */
type PushRequest = 'push:subscribe' | 'push:wake' | 'phone:visibility';

/** How a change of the subscription went. */
export type PushSendOutcome =
  /** The server keeps it (or forgot it, for null). */
  | 'ok'
  /** The server will not send to it (push_refused, or it sends no pushes): nothing kept. */
  | 'refused'
  /** No connection, or no answer: it is sent at the next join. */
  | 'later';

export interface PushLinkDeps {
  /** Whether the seat is held over a live connection now. */
  readonly joined: () => boolean;
  send<N extends PushRequest>(name: N, payload: RequestOf<N>): Promise<Reply<N>>;
  readonly rejoin: () => void;
  readonly outdated: () => void;
}

/**
 * What this phone tells the server about reaching it when its page is not there: its push
 * subscription (or that it has none now), the follow-up moments it wants a wake push for, and
 * whether this page is hidden. Each is a latest value: sent when it changes while the seat is
 * held, and again after every join, because the server may have lost it (a restart, a store
 * restored), the subscription may have rotated, and visibility is per connection. Wakes are sent
 * only while subscribed: the server keeps them only then, and after the subscription's answer.
 */
export class PushLink {
  readonly #deps: PushLinkDeps;
  /** undefined: this page has said nothing (nothing to send at a join). */
  #subscription: PushSubscriptionJson | null | undefined = undefined;
  #wakes: readonly number[] = [];
  #hidden = false;
  /** What the server answered on this connection, per request, as JSON; cleared at each join. */
  readonly #answered = new Map<PushRequest, string>();
  #join = 0;

  constructor(deps: PushLinkDeps) {
    this.#deps = deps;
  }

  /** The seat is held over a new connection: say everything again, subscription first. */
  joined(): void {
    this.#join += 1;
    this.#answered.clear();
    if (this.#hidden) void this.#send('phone:visibility', { hidden: true });
    void this.#sendSubscription().then(() => this.#sendWakes());
  }

  /** This browser's subscription for the room, or null when the person turned it off. */
  async subscribe(subscription: PushSubscriptionJson | null): Promise<PushSendOutcome> {
    this.#subscription = subscription;
    const outcome = await this.#sendSubscription();
    // Refused for good: the server keeps none, and is not asked again at each join.
    if (outcome === 'refused' && this.#subscription === subscription)
      this.#subscription = undefined;
    else void this.#sendWakes();
    return outcome;
  }

  /** The moments (epoch ms) this phone wants a wake push at; at most MAX_WAKES are sent. */
  wakeAt(at: readonly number[]): void {
    const next = [...at].sort((a, b) => a - b).slice(0, MAX_WAKES);
    if (JSON.stringify(next) === JSON.stringify(this.#wakes)) return;
    this.#wakes = next;
    void this.#sendWakes();
  }

  /** Whether this page is hidden now (screen off, app in the background). */
  visibility(hidden: boolean): void {
    if (hidden === this.#hidden) return;
    this.#hidden = hidden;
    void this.#send('phone:visibility', { hidden });
  }

  async #sendSubscription(): Promise<PushSendOutcome> {
    const subscription = this.#subscription;
    if (subscription === undefined) return 'ok';
    return this.#send('push:subscribe', { subscription });
  }

  async #sendWakes(): Promise<void> {
    const subscription = this.#subscription;
    if (subscription == null) return;
    // Only once the server keeps this subscription on this connection: it drops wakes otherwise.
    if (this.#answered.get('push:subscribe') !== JSON.stringify({ subscription })) return;
    await this.#send('push:wake', { at: [...this.#wakes] });
  }

  async #send<N extends PushRequest>(name: N, payload: RequestOf<N>): Promise<PushSendOutcome> {
    const key = JSON.stringify(payload);
    if (this.#answered.get(name) === key) return 'ok';
    if (!this.#deps.joined()) return 'later';
    const join = this.#join;
    const reply = await this.#deps.send(name, payload);
    // Answered on a connection since replaced: the join has sent it again.
    if (join !== this.#join) return 'later';
    if (reply.ok) {
      this.#answered.set(name, key);
      return 'ok';
    }
    if ('timeout' in reply) return 'later';
    return this.#failed(failureAction(reply.error.code));
  }

  #failed(action: FailureAction): PushSendOutcome {
    switch (action) {
      case 'retry':
        // Said again at the next change or join; nothing here is worth a retry loop.
        return 'later';
      case 'rejoin':
        this.#deps.rejoin();
        return 'later';
      case 'outdated':
        this.#deps.outdated();
        return 'later';
      case 'final':
        return 'refused';
    }
  }
}
