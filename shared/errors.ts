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
  internal: 'internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];
