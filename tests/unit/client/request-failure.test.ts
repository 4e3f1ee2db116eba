import { describe, expect, it } from 'vitest';
import { failureAction } from '../../../client/src/room/request-failure.ts';
import { ERROR_CODES, ErrorCode, RETRYABLE_ERRORS } from '../../../shared/errors.ts';

describe('failureAction: what the phone does with a refused send or sync', () => {
  it.each([
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
  ] as const)('%s -> %s', (code, action) => {
    expect(failureAction(code)).toBe(action);
  });

  it('R4: retries exactly the codes the contract calls retryable', () => {
    const retried = ERROR_CODES.filter((code) => failureAction(code) === 'retry');
    expect(new Set(retried)).toEqual(RETRYABLE_ERRORS);
  });
});
