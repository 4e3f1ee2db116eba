import { ErrorCode } from '../../../shared/errors.ts';
import type {
  ErrorReply,
  PushName,
  ReplyOf,
  RequestName,
  RequestOf,
} from '../../../shared/protocol.ts';
import { REQUESTS } from '../../../shared/protocol.ts';

/** socket.io's own events about the connection itself. */
export type LifecycleEvent = 'connect' | 'disconnect' | 'connect_error';

/**
 * The slice of a socket.io client socket the phone uses: requests out with an acknowledgement,
 * untrusted pushes in. A real socket.io socket fits it as it is; tests hand in a fake whose
 * deliveries they order themselves (tests/support/test-socket-pair.ts).
 */
export interface RoomSocket {
  readonly connected: boolean;
  /** The manager underneath: it says when it starts another connection attempt. */
  readonly io: {
    on(event: 'reconnect_attempt', listener: () => void): unknown;
    off(event: 'reconnect_attempt', listener: () => void): unknown;
  };
  connect(): unknown;
  disconnect(): unknown;
  on(event: LifecycleEvent | PushName, listener: (payload: unknown) => void): unknown;
  off(event: LifecycleEvent | PushName, listener: (payload: unknown) => void): unknown;
  removeAllListeners(): unknown;
  timeout(ms: number): { emitWithAck(event: RequestName, payload: unknown): Promise<unknown> };
}

/** How long a request waits for the server's acknowledgement before it counts as unanswered. */
export const ACK_TIMEOUT_MS = 8_000;

/** A reply that arrived (checked against the contract), or none in time. */
export type Reply<N extends RequestName> =
  ReplyOf<N> | { readonly ok: false; readonly timeout: true };

/** No answer: the request timed out, the connection dropped, or it was never sent. */
export const UNANSWERED = { ok: false, timeout: true } as const;

/** Sends one request and parses its reply; never throws. */
export async function request<N extends RequestName>(
  socket: RoomSocket,
  name: N,
  payload: RequestOf<N>,
): Promise<Reply<N>> {
  try {
    const raw = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(name, payload);
    const parsed = REQUESTS[name].reply.safeParse(raw);
    // A reply that breaks the contract is treated like a server error: retried, never trusted.
    const malformed: ErrorReply = { ok: false, error: { code: ErrorCode.internal } };
    return (parsed.success ? parsed.data : malformed) as ReplyOf<N>;
  } catch {
    return UNANSWERED;
  }
}
