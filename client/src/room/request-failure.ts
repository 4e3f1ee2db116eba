import { ErrorCode } from '../../../shared/errors.ts';

/**
 * What the phone does when the server refuses a seated request (a send or a sync). No refusal is
 * ever dropped silently: each code leads to exactly one of these.
 * - `retry`: the server could not do it now; the same request is tried again with backoff.
 * - `rejoin`: this connection has lost its seat (a restarted server, a room found missing); the
 *   connection joins again, and the join alone decides whether the room still exists.
 * - `outdated`: the server speaks another protocol; only a reload of the page can help.
 * - `final`: this request can never succeed; it is given up and the person is told.
 */
export type FailureAction = 'retry' | 'rejoin' | 'outdated' | 'final';

export function failureAction(code: ErrorCode): FailureAction {
  switch (code) {
    // rate_limited: over the server's rate, nothing was done; the backoff spaces retries out.
    // too_many_rooms never answers a seated request; listed so that every code decides.
    case ErrorCode.storageUnavailable:
    case ErrorCode.internal:
    case ErrorCode.rateLimited:
    case ErrorCode.tooManyRooms:
      return 'retry';
    case ErrorCode.notJoined:
    case ErrorCode.roomNotFound:
      return 'rejoin';
    case ErrorCode.protocolMismatch:
      return 'outdated';
    case ErrorCode.invalidPayload:
    case ErrorCode.unknownEvent:
    case ErrorCode.alreadyJoined:
    case ErrorCode.roomFull:
    case ErrorCode.unauthorized:
    case ErrorCode.eventIdConflict:
    case ErrorCode.roomLogFull:
    case ErrorCode.pushRefused:
      return 'final';
  }
}
