import { ErrorCode } from '../../shared/errors.ts';
import type { ReplyOf, RequestName, RequestOf } from '../../shared/protocol.ts';
import { REQUESTS, isRequestName } from '../../shared/protocol.ts';
import type { EventGate } from '../limits/event-gate.ts';
import type { Logger } from '../log.ts';
import { StoreUnavailableError } from '../store/room-store.ts';
import type { InFlight } from './in-flight.ts';
import { isOtherProtocol } from './protocol-version.ts';
import { failure } from './replies.ts';
import type { TandemSocket } from './types.ts';

export type RequestHandler<N extends RequestName> = (payload: RequestOf<N>) => Promise<ReplyOf<N>>;
/** One handler per request name; the mapped type makes a missing handler a compile error. */
export type RequestHandlers = { [N in RequestName]: RequestHandler<N> };

type Ack = (reply: unknown) => void;

/**
 * Wires a socket's requests to their handlers. Every request must be `(payload, ack)`; the payload
 * is parsed with the contract's schema before any handler sees it, and a bad one is answered with
 * a typed error and changes nothing. Requests from one socket run one at a time, in arrival order,
 * so a phone's events are appended in the order it sent them whatever the store's latency.
 *
 * Every request is counted in `inFlight` from its arrival until its answer, so a shutdown answers
 * what has arrived before it closes; one arriving after the shutdown began is answered
 * `storage_unavailable` (nothing was written; the phone retries on the next server).
 *
 * Before anything else, validation included, every event (a request or not, well-formed or not)
 * passes the connection's rate gate: one over the rate is answered `rate_limited` and changes
 * nothing; a connection that keeps flooding is closed. The gate's answers are awaited in arrival
 * order, so requests still reach their handlers in the order they were sent.
 */
export function serveRequests(
  socket: TandemSocket,
  handlers: RequestHandlers,
  log: Logger,
  inFlight: InFlight,
  gate: EventGate,
): void {
  let queue: Promise<void> = Promise.resolve();
  let admissions: Promise<void> = Promise.resolve();
  let closed = false;

  const dispatch = (name: RequestName, args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') {
      log.debug('request without acknowledgement ignored', { request: name });
      return;
    }
    const reply = ack as Ack;
    if (args.length !== 2) {
      reply(failure(ErrorCode.invalidPayload));
      return;
    }
    if (name === 'room:join' && isOtherProtocol(args[0])) {
      reply(failure(ErrorCode.protocolMismatch));
      return;
    }
    const parsed = REQUESTS[name].request.safeParse(args[0]);
    if (!parsed.success) {
      reply(failure(ErrorCode.invalidPayload));
      return;
    }
    if (!inFlight.begin()) {
      reply(failure(ErrorCode.storageUnavailable));
      return;
    }
    log.debug('request received', { request: name });
    // The schema and the handler are looked up by the same name, so the parsed payload is exactly
    // what this handler takes; TypeScript cannot follow that through a union of names.
    const handler = handlers[name] as (payload: unknown) => Promise<unknown>;
    queue = queue.then(async () => {
      try {
        reply(await handler(parsed.data));
      } catch (error) {
        reply(failure(errorCodeOf(error, name, log)));
      } finally {
        inFlight.end();
      }
    });
  };

  const receive = (event: unknown, args: unknown[]) => {
    if (typeof event === 'string' && isRequestName(event)) {
      dispatch(event, args);
      return;
    }
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as Ack)(failure(ErrorCode.unknownEvent));
  };

  socket.onAny((event: unknown, ...args: unknown[]) => {
    const admission = gate();
    admissions = admissions.then(async () => {
      const verdict = await admission;
      if (closed) return;
      switch (verdict) {
        case 'admitted':
          receive(event, args);
          return;
        case 'limited': {
          const ack = args.at(-1);
          if (typeof ack === 'function') (ack as Ack)(failure(ErrorCode.rateLimited));
          return;
        }
        case 'close':
          closed = true;
          log.warn('connection closed for flooding');
          socket.disconnect(true);
          return;
      }
    });
  });
}

/** A store that cannot write now is retryable for the phone; anything else is a bug: internal. */
function errorCodeOf(error: unknown, request: RequestName, log: Logger): ErrorCode {
  if (error instanceof StoreUnavailableError) {
    log.error('store unavailable', { request, code: error.code });
    return ErrorCode.storageUnavailable;
  }
  log.error('request failed', { request, error: describe(error) });
  return ErrorCode.internal;
}

/** The error's class and message only: stores never put content in their errors. */
const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
