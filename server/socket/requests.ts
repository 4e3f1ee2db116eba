import { ErrorCode } from '../../shared/errors.ts';
import type { ReplyOf, RequestName, RequestOf } from '../../shared/protocol.ts';
import { REQUESTS, isRequestName } from '../../shared/protocol.ts';
import type { Logger } from '../log.ts';
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
 */
export function serveRequests(socket: TandemSocket, handlers: RequestHandlers, log: Logger): void {
  let queue: Promise<void> = Promise.resolve();

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
    // The schema and the handler are looked up by the same name, so the parsed payload is exactly
    // what this handler takes; TypeScript cannot follow that through a union of names.
    const handler = handlers[name] as (payload: unknown) => Promise<unknown>;
    queue = queue.then(async () => {
      try {
        reply(await handler(parsed.data));
      } catch (error) {
        log.error('request failed', { request: name, error: describe(error) });
        reply(failure(ErrorCode.internal));
      }
    });
  };

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && isRequestName(event)) {
      dispatch(event, args);
      return;
    }
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as Ack)(failure(ErrorCode.unknownEvent));
  });
}

/** The error's class and message only: stores never put content in their errors. */
const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
