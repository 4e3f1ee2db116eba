import type { Socket } from 'socket.io-client';
import { ErrorCode } from '../../../shared/errors.ts';
import type {
  ClientToServerEvents,
  ErrorReply,
  ReplyOf,
  RequestName,
  RequestOf,
  UntrustedServerEvents,
} from '../../../shared/protocol.ts';
import { REQUESTS } from '../../../shared/protocol.ts';

/** The phone's socket: typed requests out, untrusted pushes in. */
export type RoomSocket = Socket<UntrustedServerEvents, ClientToServerEvents>;

/** How long a request waits for the server's acknowledgement before it counts as unanswered. */
export const ACK_TIMEOUT_MS = 8_000;

/** A reply that arrived (checked against the contract), or none in time. */
export type Reply<N extends RequestName> =
  ReplyOf<N> | { readonly ok: false; readonly timeout: true };

interface UntypedEmitter {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/** Sends one request and parses its reply; never throws. */
export async function request<N extends RequestName>(
  socket: RoomSocket | null,
  name: N,
  payload: RequestOf<N>,
): Promise<Reply<N>> {
  if (socket === null) return { ok: false, timeout: true };
  try {
    // socket.io cannot type an emit whose event name is a type parameter; the reply is parsed
    // against the contract below, so nothing unchecked gets through.
    const untyped = socket as unknown as UntypedEmitter;
    const raw = await untyped.timeout(ACK_TIMEOUT_MS).emitWithAck(name, payload);
    const parsed = REQUESTS[name].reply.safeParse(raw);
    // A reply that breaks the contract is treated like a server error: retried, never trusted.
    const malformed: ErrorReply = { ok: false, error: { code: ErrorCode.internal } };
    return (parsed.success ? parsed.data : malformed) as ReplyOf<N>;
  } catch {
    return { ok: false, timeout: true };
  }
}
