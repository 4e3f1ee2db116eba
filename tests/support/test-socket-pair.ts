import type { LifecycleEvent, RoomSocket } from '../../client/src/room/room-socket.ts';
import { randomBase64url } from '../../shared/crypto/base64url.ts';
import type { PushName, PushOf, ReplyOf, RequestName, RequestOf } from '../../shared/protocol.ts';

/**
 * An in-memory stand-in for the phone's socket.io socket, after tldraw's TestSocketPair: the
 * phone's side behaves like a socket (it records every request it emits), and the test plays the
 * server, deciding what is delivered and in which order. Nothing reaches the phone until the test
 * says so: not a connection, not an acknowledgement, not a push.
 */

/** One request the phone emitted, waiting for the test to answer it (or not). */
export interface EmittedRequest<N extends RequestName = RequestName> {
  readonly name: N;
  readonly payload: RequestOf<N>;
  /** Whether the test has answered it, timed it out, or the connection dropped under it. */
  readonly settled: boolean;
  /** Delivers the server's acknowledgement. */
  answer(reply: ReplyOf<N>): void;
  /** No acknowledgement in time (socket.io's timeout). */
  timeOut(): void;
}

type Listener = (payload: unknown) => void;

interface Waiter {
  readonly name: RequestName;
  readonly resolve: (request: EmittedRequest) => void;
}

export class FakeSocket implements RoomSocket {
  #connected = false;
  /** connect() was called and not followed by disconnect(): the phone wants a connection. */
  #wanted = false;
  readonly #listeners = new Map<LifecycleEvent | PushName, Set<Listener>>();
  readonly #reconnectListeners = new Set<() => void>();
  readonly #waiters: Waiter[] = [];
  /** Every request emitted on this socket, in order. */
  readonly emitted: EmittedRequest[] = [];
  connectCalls = 0;
  disconnectCalls = 0;

  readonly io = {
    on: (_event: 'reconnect_attempt', listener: () => void) =>
      this.#reconnectListeners.add(listener),
    off: (_event: 'reconnect_attempt', listener: () => void) =>
      this.#reconnectListeners.delete(listener),
  };

  // ---- The phone's side (RoomSocket) ----

  get connected(): boolean {
    return this.#connected;
  }

  connect(): this {
    this.connectCalls += 1;
    this.#wanted = true;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    this.#wanted = false;
    if (this.#connected) this.#close('io client disconnect');
    return this;
  }

  on(event: LifecycleEvent | PushName, listener: Listener): this {
    const listeners = this.#listeners.get(event) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(event, listeners);
    return this;
  }

  off(event: LifecycleEvent | PushName, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  removeAllListeners(): this {
    this.#listeners.clear();
    return this;
  }

  timeout(): { emitWithAck(name: RequestName, payload: unknown): Promise<unknown> } {
    return { emitWithAck: (name, payload) => this.#emit(name, payload) };
  }

  // ---- The test's side (the server and the network) ----

  /** Whether the phone has asked for a connection (it is not up until the test opens it). */
  get wanted(): boolean {
    return this.#wanted;
  }

  /** The nonces this socket's connections were sent, in order (a join proof answers the last). */
  readonly nonces: string[] = [];

  /**
   * The connection comes up, and the server sends it its join nonce at once, as it does; with
   * `nonce: 'later'` the test sends it itself (sendNonce).
   */
  open({ nonce = 'at once' }: { readonly nonce?: 'at once' | 'later' } = {}): void {
    if (!this.#wanted) throw new Error('the phone has not asked for a connection');
    this.#connected = true;
    this.#fire('connect', undefined);
    if (nonce === 'at once') this.sendNonce();
  }

  /** The server's `session:nonce` for this connection. */
  sendNonce(nonce = randomBase64url(32)): void {
    this.nonces.push(nonce);
    this.pushRaw('session:nonce', { nonce });
  }

  /** The connection attempt failed. */
  refuse(): void {
    this.#fire('connect_error', new Error('refused'));
  }

  /** The connection drops from the server's side or the network's. */
  drop(reason = 'transport close'): void {
    if (this.#connected) this.#close(reason);
  }

  push<N extends PushName>(name: N, payload: PushOf<N>): void {
    this.pushRaw(name, payload);
  }

  /** A push of anything at all: what a faulty or hostile server could send. */
  pushRaw(name: PushName, payload: unknown): void {
    if (!this.#connected) throw new Error(`cannot push ${name}: not connected`);
    this.#fire(name, payload);
  }

  /** The requests of `name` the test has not answered yet, oldest first. */
  pending<N extends RequestName>(name: N): EmittedRequest<N>[] {
    return this.emitted.filter(
      (request): request is EmittedRequest<N> => request.name === name && !request.settled,
    );
  }

  /** The oldest unanswered request of `name`, as soon as the phone has emitted one. */
  next<N extends RequestName>(name: N): Promise<EmittedRequest<N>> {
    const waiting = this.pending(name)[0];
    if (waiting !== undefined) return Promise.resolve(waiting);
    return new Promise((resolve) => {
      this.#waiters.push({ name, resolve: resolve as (request: EmittedRequest) => void });
    });
  }

  #emit(name: RequestName, payload: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) throw new Error(`${name} was already settled`);
        settled = true;
        outcome();
      };
      const request: EmittedRequest = {
        name,
        payload: payload as RequestOf<RequestName>,
        get settled() {
          return settled;
        },
        answer: (reply) => {
          settle(() => {
            resolve(reply);
          });
        },
        timeOut: () => {
          settle(() => {
            reject(new Error('operation has timed out'));
          });
        },
      };
      this.emitted.push(request);
      const index = this.#waiters.findIndex((waiter) => waiter.name === name);
      const [waiter] = index === -1 ? [] : this.#waiters.splice(index, 1);
      waiter?.resolve(request);
    });
  }

  #close(reason: string): void {
    this.#connected = false;
    // As socket.io does: acknowledgements still awaited on a closed connection never come.
    for (const request of this.emitted) if (!request.settled) request.timeOut();
    this.#fire('disconnect', reason);
  }

  #fire(event: LifecycleEvent | PushName, payload: unknown): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(payload);
  }
}

/** The phone's `connect()` and every socket it has made through it. */
export class TestSocketPair {
  readonly sockets: FakeSocket[] = [];

  readonly connect = (): FakeSocket => {
    const socket = new FakeSocket();
    // io() connects at once unless told otherwise.
    socket.connect();
    this.sockets.push(socket);
    return socket;
  };

  /** The socket the phone made last. */
  get socket(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) throw new Error('the phone has not connected');
    return socket;
  }
}
