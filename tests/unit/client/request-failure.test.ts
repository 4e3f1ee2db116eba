import { describe, expect, it } from 'vitest';
import { failureAction } from '../../../client/src/room/request-failure.ts';
import { ERROR_CODES, ErrorCode } from '../../../shared/errors.ts';

const ACTIONS = [
  [ErrorCode.storageUnavailable, 'retry'],
  [ErrorCode.internal, 'retry'],
  [ErrorCode.notJoined, 'rejoin'],
  [ErrorCode.roomNotFound, 'rejoin'],
  [ErrorCode.protocolMismatch, 'outdated'],
  [ErrorCode.invalidPayload, 'final'],
  [ErrorCode.eventIdConflict, 'final'],
  [ErrorCode.unknownEvent, 'final'],
  [ErrorCode.alreadyJoined, 'final'],
  [ErrorCode.roomFull, 'final'],
  [ErrorCode.unauthorized, 'final'],
  [ErrorCode.rateLimited, 'retry'],
  [ErrorCode.tooManyRooms, 'retry'],
  [ErrorCode.roomLogFull, 'final'],
  [ErrorCode.pushRefused, 'final'],
] as const;

describe('failureAction: what the phone does with a refused send or sync', () => {
  it.each(ACTIONS)('%s -> %s', (code, action) => {
    expect(failureAction(code)).toBe(action);
  });

  it('R4: the table above names every code of the contract, so none goes unhandled', () => {
    expect(new Set(ACTIONS.map(([code]) => code))).toEqual(new Set(ERROR_CODES));
  });
});
