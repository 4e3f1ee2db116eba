import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ErrorCode } from '../../../shared/errors.ts';
import { PUSHES, REQUESTS } from '../../../shared/protocol.ts';
import type {
  ClientToServerEvents,
  Presence,
  PushName,
  PushOf,
  ReplyOf,
  RequestName,
  RequestOf,
  ServerToClientEvents,
  StoredEnvelope,
} from '../../../shared/protocol.ts';

/** A phone's socket, typed with the shared event maps. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The same socket without the contract's types, for sending what a well-behaved phone never would. */
type UntypedSocket = Socket;

/** How long one request may wait for its acknowledgement before the helper gives up. */
const REQUEST_TIMEOUT_MS = 5000;

/** Each socket's latest join nonce, as the server sent it (sockets here never reconnect). */
const nonces = new WeakMap<ClientSocket, Promise<string>>();

/**
 * The latest nonce the server sent this socket (`session:nonce`): on connecting, and again
 * whenever a join left it seatless or its room ended (before that request's reply). The first
 * may arrive in the same read as the connection itself, so connectSocket listens before
 * connecting.
 */
export function nonceOf(socket: ClientSocket): Promise<string> {
  const nonce = nonces.get(socket);
  if (nonce === undefined) throw new Error('not a socket from connectSocket');
  return nonce;
}

function trackNonces(socket: ClientSocket): void {
  let first: (nonce: string) => void = () => undefined;
  nonces.set(
    socket,
    new Promise((resolve) => {
      first = resolve;
    }),
  );
  socket.on('session:nonce', (payload) => {
    const parsed = PUSHES['session:nonce'].safeParse(payload);
    if (!parsed.success) return;
    first(parsed.data.nonce);
    nonces.set(socket, Promise.resolve(parsed.data.nonce));
  });
}

export function connectSocket(url: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
  });
  trackNonces(socket);
  socket.connect();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      socket.off('connect');
      reject(error);
    });
  });
}

function describeDisconnect(event: string, reason: string): Error {
  return new Error(`socket disconnected (${reason}) while waiting for '${event}'`);
}

/**
 * Resolves with the next `event` push that satisfies `predicate`. Only pushes that arrive after the
 * call count, so set it up before the action that causes the push. Rejects if the socket closes.
 */
export function waitFor<N extends PushName>(
  socket: ClientSocket,
  event: N,
  predicate: (payload: PushOf<N>) => boolean = () => true,
): Promise<PushOf<N>> {
  // socket.io's listener typing does not follow a generic event name; the payload is parsed below.
  const untyped = socket as unknown as UntypedSocket;
  const name: string = event;
  return new Promise((resolve, reject) => {
    const onPush = (payload: unknown): void => {
      const parsed = PUSHES[event].safeParse(payload);
      if (!parsed.success) {
        cleanup();
        reject(new Error(`malformed '${event}' push: ${JSON.stringify(payload)}`));
        return;
      }
      const typed = parsed.data as PushOf<N>;
      if (!predicate(typed)) return;
      cleanup();
      resolve(typed);
    };
    const onDisconnect = (reason: string): void => {
      cleanup();
      reject(describeDisconnect(event, reason));
    };
    const cleanup = (): void => {
      untyped.off(name, onPush);
      untyped.off('disconnect', onDisconnect);
    };
    untyped.on(name, onPush);
    untyped.on('disconnect', onDisconnect);
  });
}

/** Resolves with the reason once the socket is disconnected (at once if it already is). */
export function waitForDisconnect(socket: ClientSocket): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already disconnected');
  return new Promise((resolve) => {
    socket.once('disconnect', (reason) => {
      resolve(reason);
    });
  });
}

/** A typed request answered through the acknowledgement; the reply is checked against the contract. */
export async function request<N extends RequestName>(
  socket: ClientSocket,
  name: N,
  payload: RequestOf<N>,
): Promise<ReplyOf<N>> {
  const reply = await rawRequest(socket, name, payload);
  return REQUESTS[name].reply.parse(reply) as ReplyOf<N>;
}

/** Emits anything at all and resolves with whatever the server acknowledges with. */
export async function rawRequest(
  socket: ClientSocket,
  event: string,
  ...args: unknown[]
): Promise<unknown> {
  const untyped = socket as unknown as UntypedSocket;
  const reply: unknown = await untyped.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, ...args);
  return reply;
}

/** Emits without an acknowledgement callback: the server must ignore it. */
export function rawEmit(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as UntypedSocket).emit(event, ...args);
}

export function expectOk<R extends { readonly ok: boolean }>(reply: R): Extract<R, { ok: true }> {
  if (!reply.ok) throw new Error(`expected an ok reply, got ${JSON.stringify(reply)}`);
  return reply as Extract<R, { ok: true }>;
}

/** Both seats taken and online. */
export const presenceBothOnline = (presence: Presence): boolean =>
  presence.seats.every((seat) => seat.taken && seat.online);

export const errorReply = (code: ErrorCode) => ({ ok: false, error: { code } }) as const;

type Waiter = () => void;

/**
 * A connected socket that records every push it receives, in arrival order, after checking each
 * against the contract. `until` waits on the record, so it also sees pushes that came earlier.
 */
export class Client {
  readonly envelopes: StoredEnvelope[] = [];
  readonly presence: Presence[] = [];
  /** Every `room:deleted` push, in arrival order. */
  readonly roomDeleted: PushOf<'room:deleted'>[] = [];
  /** Pushes that did not match the contract; the harness fails the test if any are left. */
  readonly violations: string[] = [];
  readonly #waiters = new Set<Waiter>();

  /** `onEnvelope` sees each valid envelope push before any `until` condition is re-checked. */
  constructor(
    readonly socket: ClientSocket,
    onEnvelope: (envelope: StoredEnvelope) => void = () => undefined,
  ) {
    const untyped = socket as unknown as UntypedSocket;
    untyped.on('envelope', (payload: unknown) => {
      const parsed = PUSHES.envelope.safeParse(payload);
      if (parsed.success) {
        this.envelopes.push(parsed.data);
        onEnvelope(parsed.data);
      } else this.violations.push(`envelope: ${JSON.stringify(payload)}`);
      this.#wake();
    });
    untyped.on('presence', (payload: unknown) => {
      const parsed = PUSHES.presence.safeParse(payload);
      if (parsed.success) this.presence.push(parsed.data);
      else this.violations.push(`presence: ${JSON.stringify(payload)}`);
      this.#wake();
    });
    untyped.on('room:deleted', (payload: unknown) => {
      const parsed = PUSHES['room:deleted'].safeParse(payload);
      if (parsed.success) this.roomDeleted.push(parsed.data);
      else this.violations.push(`room:deleted: ${JSON.stringify(payload)}`);
      this.#wake();
    });
    untyped.on('disconnect', () => {
      this.#wake();
    });
  }

  static async connect(url: string): Promise<Client> {
    return new Client(await connectSocket(url));
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  request<N extends RequestName>(name: N, payload: RequestOf<N>): Promise<ReplyOf<N>> {
    return request(this.socket, name, payload);
  }

  /** Resolves once `condition` holds, re-checking after every push. Rejects if the socket closes. */
  until(condition: () => boolean, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        if (condition()) {
          this.#waiters.delete(waiter);
          resolve();
        } else if (this.socket.disconnected) {
          this.#waiters.delete(waiter);
          reject(describeDisconnect(what, 'closed'));
        }
      };
      this.#waiters.add(waiter);
    });
  }

  /** Closes from the phone's side and waits until the socket reports it. */
  async disconnect(): Promise<void> {
    const closed = waitForDisconnect(this.socket);
    this.socket.disconnect();
    await closed;
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
