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
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];
