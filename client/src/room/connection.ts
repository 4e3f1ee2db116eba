import { ErrorCode } from '../../../shared/errors.ts';
import type { Seat } from '../../../shared/ids.ts';
import type {
  Presence,
  RequestOf,
  RoomEndReason,
  StoredEnvelope,
} from '../../../shared/protocol.ts';
import { PUSHES } from '../../../shared/protocol.ts';
import { Backoff } from './backoff.ts';
import { watchConnection } from './connection-watchdog.ts';
import { handshakeRefusal, learnWhyRefused } from './handshake-refusal.ts';
import type { JoinPayload } from './join-request.ts';
import { joinRequest } from './join-request.ts';
import type { Reply, RoomSocket } from './room-socket.ts';
import { UNANSWERED, request } from './room-socket.ts';

/** Join refusals no retry can change. Every other failed join is retried. */
export type JoinRefusal =
  | typeof ErrorCode.roomFull
  | typeof ErrorCode.roomNotFound
  | typeof ErrorCode.unauthorized
  | typeof ErrorCode.protocolMismatch;

const JOIN_REFUSALS: ReadonlySet<ErrorCode> = new Set<JoinRefusal>([
  ErrorCode.roomFull,
  ErrorCode.roomNotFound,
  ErrorCode.unauthorized,
  ErrorCode.protocolMismatch,
]);

const isJoinRefusal = (code: ErrorCode): code is JoinRefusal => JOIN_REFUSALS.has(code);

export type { JoinPayload } from './join-request.ts';

/** The server's answer to a join that took the seat. */
export interface Joined {
  readonly seat: Seat;
  readonly incarnation: string;
  /** The sequence number the join asked to replay after (what the phone held then). */
  readonly afterSeq: number;
  /** The last sequence number the server's log holds. */
  readonly lastSeq: number;
  readonly presence: Presence;
  /** The log after the join's `afterSeq`, as far as one page goes. */
  readonly envelopes: readonly StoredEnvelope[];
  readonly complete: boolean;
  /** The server's VAPID public key for push subscriptions; null when it sends no pushes. */
  readonly pushKey: string | null;
}

/** What a connection reports. Calls come in the order things happened on the socket. */
export interface ConnectionListener {
  /** The seat is held over the connection now. */
  joined(joined: Joined): void;
  /** The server refused the join for good; the connection has stopped. */
  refused(refusal: JoinRefusal): void;
  /** The connection that held the seat dropped; it is being made again. */
  lost(): void;
  /** Whether the last attempt to reach the server failed. */
  reachability(unreachable: boolean): void;
  envelope(envelope: StoredEnvelope): void;
  presence(presence: Presence): void;
  ended(reason: RoomEndReason): void;
}

/** Requests made on a seat already held. */
export type SeatedRequest =
  | 'room:sync'
  | 'envelope:send'
  | 'room:delete'
  | 'room:keep'
  | 'push:subscribe'
  | 'push:wake'
  | 'phone:visibility';

export interface ConnectionDeps {
  readonly connect: () => RoomSocket;
  /** Read at each join, so a join after a reconnect asks from the last sequence number held. */
  readonly joinPayload: () => JoinPayload;
  readonly listener: ConnectionListener;
}

type Phase = 'idle' | 'connecting' | 'joined' | 'refused' | 'stopped';

/**
 * The phone's link to the server for one room: it owns the socket, joins with this build's
 * protocol version on every (re)connection, retries a failed join with backoff on a fresh
 * connection, and restarts attempts that stall. Requests need the seat; without it they are
 * answered at once as unanswered rather than queued inside socket.io, where a send could go out on
 * a new connection before its join.
 */
export class RoomConnection {
  readonly #deps: ConnectionDeps;
  /** The newest presence heard on the current connection (see #newestPresence). */
  #latestPresence: Presence | null = null;
  #socket: RoomSocket | null = null;
  #phase: Phase = 'idle';
  /** Bumped at each (dis)connection, so a join reply from an older connection is ignored. */
  #attempt = 0;
  readonly #joinBackoff = new Backoff();
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #stopWatchdog: (() => void) | null = null;

  constructor(deps: ConnectionDeps) {
    this.#deps = deps;
  }

  /** The seat is held over a live connection. */
  get joined(): boolean {
    return this.#phase === 'joined';
  }

  /** Opens the socket and joins. Safe to call again after stop(): it starts afresh. */
  start(): void {
    if (this.#phase === 'refused' || this.#socket !== null) return;
    this.#phase = 'connecting';
    const socket = this.#deps.connect();
    this.#socket = socket;
    const { listener } = this.#deps;
    // The server sends each connection its nonce at once; the join answers it (join-request.ts),
    // so it waits for it rather than for `connect`. Only the first nonce of a connection starts a
    // join: a failed join is tried again on a fresh connection, never on the same one.
    let awaitingNonce = false;
    socket.on('connect', () => {
      handshakeRefusal.set(null);
      awaitingNonce = true;
      this.#latestPresence = null;
      listener.reachability(false);
    });
    socket.on('session:nonce', (raw) => {
      const parsed = PUSHES['session:nonce'].safeParse(raw);
      if (!parsed.success || !awaitingNonce) return;
      awaitingNonce = false;
      void this.#join(socket, parsed.data.nonce);
    });
    socket.on('connect_error', () => {
      void learnWhyRefused();
      listener.reachability(true);
    });
    socket.on('disconnect', (reason) => {
      this.#dropped(socket, reason);
    });
    socket.on('envelope', (raw) => {
      const parsed = PUSHES.envelope.safeParse(raw);
      // Passed on even before the join is answered: the replica orders it against the replay.
      if (parsed.success && this.#live(socket)) listener.envelope(parsed.data);
    });
    socket.on('presence', (raw) => {
      const parsed = PUSHES.presence.safeParse(raw);
      if (!parsed.success || !this.#live(socket)) return;
      const newest = this.#newestPresence(parsed.data);
      if (newest === parsed.data) listener.presence(withoutTurn(newest));
    });
    socket.on('room:deleted', (raw) => {
      const parsed = PUSHES['room:deleted'].safeParse(raw);
      // A notice that breaks the contract still means the room is over for this phone.
      if (this.#live(socket)) listener.ended(parsed.success ? parsed.data.reason : 'deleted');
    });
    this.#stopWatchdog = watchConnection(
      socket,
      () => this.#live(socket),
      () => {
        listener.reachability(true);
      },
    );
  }

  /** Closes the socket; nothing more is reported until start() again. */
  stop(): void {
    if (this.#phase !== 'refused') this.#phase = 'stopped';
    this.#attempt += 1;
    this.#stopWatchdog?.();
    this.#stopWatchdog = null;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
  }

  /** Reconnects at once rather than waiting out socket.io's backoff (the page became visible). */
  reconnectNow(): void {
    const socket = this.#socket;
    if (socket === null || socket.connected || !this.#live(socket)) return;
    // connect() alone waits for socket.io's pending backoff; starting over skips it.
    socket.disconnect();
    socket.connect();
  }

  /** The server says this connection no longer holds the seat: join again on a fresh one. */
  rejoin(): void {
    const socket = this.#socket;
    if (socket !== null && this.#live(socket)) this.#retryJoinLater(socket);
  }

  request<N extends SeatedRequest>(name: N, payload: RequestOf<N>): Promise<Reply<N>> {
    const socket = this.#socket;
    if (socket === null || this.#phase !== 'joined') return Promise.resolve(UNANSWERED);
    return request(socket, name, payload);
  }

  /**
   * The newer of `presence` and the newest seen on this connection (by the server's turn), which
   * it then becomes. Presence without a turn (an older server) is taken as newest.
   */
  #newestPresence(presence: Presence): Presence {
    const latest = this.#latestPresence;
    if (latest?.turn !== undefined && presence.turn !== undefined && latest.turn > presence.turn) {
      return latest;
    }
    this.#latestPresence = presence;
    return presence;
  }

  #live(socket: RoomSocket): boolean {
    return this.#socket === socket && (this.#phase === 'connecting' || this.#phase === 'joined');
  }

  async #join(socket: RoomSocket, nonce: string): Promise<void> {
    if (!this.#live(socket)) return;
    const attempt = ++this.#attempt;
    const payload = this.#deps.joinPayload();
    const joining = await joinRequest(payload, nonce);
    // The connection may have dropped (and a new nonce come) while the proof was made.
    if (attempt !== this.#attempt || !this.#live(socket)) return;
    const reply = await request(socket, 'room:join', joining);
    if (attempt !== this.#attempt || !this.#live(socket)) return;
    if (reply.ok) {
      this.#joinBackoff.reset();
      this.#phase = 'joined';
      const { seat, incarnation, lastSeq, envelopes, complete, pushKey } = reply;
      // A push worked out after this reply may have come first: the newest is what holds.
      const presence = withoutTurn(this.#newestPresence(reply.presence));
      const { afterSeq } = payload;
      const joined = {
        ...{ seat, incarnation, afterSeq, lastSeq, presence, envelopes, complete, pushKey },
      };
      this.#deps.listener.joined(joined);
      return;
    }
    if (!('timeout' in reply) && isJoinRefusal(reply.error.code)) {
      this.stop();
      this.#phase = 'refused';
      this.#deps.listener.refused(reply.error.code);
      return;
    }
    // No answer, or a failure the server may get over: start again on a fresh connection.
    this.#retryJoinLater(socket);
  }

  #dropped(socket: RoomSocket, reason: unknown): void {
    if (!this.#live(socket)) return;
    this.#attempt += 1;
    const held = this.#phase === 'joined';
    this.#phase = 'connecting';
    if (held) this.#deps.listener.lost();
    // socket.io does not reconnect by itself after the server closed the connection (a server
    // shutting down, say); the room is not over until the server says so, so try again.
    if (reason === 'io server disconnect') this.#retryJoinLater(socket);
  }

  #retryJoinLater(socket: RoomSocket): void {
    socket.disconnect();
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#live(socket)) socket.connect();
    }, this.#joinBackoff.next());
  }
}

/** Presence as the screens know it: the server's turn only orders it on the wire. */
function withoutTurn(presence: Presence): Presence {
  return { seats: presence.seats };
}
