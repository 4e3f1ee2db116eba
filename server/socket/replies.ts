import type { ErrorCode } from '../../shared/errors.ts';
import type { ErrorReply } from '../../shared/protocol.ts';

export const failure = (code: ErrorCode): ErrorReply => ({ ok: false, error: { code } });
