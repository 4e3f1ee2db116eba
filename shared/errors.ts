/** Every failure the server reports, as a stable code. Messages for people live in the client. */
export const ErrorCode = {
  invalidPayload: 'invalid_payload',
  unknownEvent: 'unknown_event',
  notJoined: 'not_joined',
  alreadyJoined: 'already_joined',
  roomNotFound: 'room_not_found',
  roomFull: 'room_full',
  unauthorized: 'unauthorized',
  eventIdConflict: 'event_id_conflict',
  /** The phone speaks another protocol version (an older or newer build): it must reload. */
  protocolMismatch: 'protocol_mismatch',
  /** The server could not store the request (disk full, store unreachable): nothing was written. */
  storageUnavailable: 'storage_unavailable',
  internal: 'internal',
  /**
   * Too many requests from this connection, or too many rooms made from this address: nothing was
   * done; the same request may be tried again later.
   */
  rateLimited: 'rate_limited',
  /** The room's log holds as many events as a room may: nothing was written. */
  roomLogFull: 'room_log_full',
  /** The server holds as many rooms as it may: no room was made; trying later may succeed. */
  tooManyRooms: 'too_many_rooms',
  /**
   * A push subscription this server will not send to: its endpoint is not https on one of the
   * push services it allows (PUSH_SERVICE_HOSTS), or this server sends no pushes. Nothing kept.
   */
  pushRefused: 'push_refused',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];
