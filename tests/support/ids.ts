import { randomBase64url } from '../../shared/crypto/base64url.ts';

/** Fresh random ids of the shapes the wire contract expects (see shared/ids.ts). */
export const newEventId = (): string => randomBase64url(16);
export const newMemberId = (): string => randomBase64url(16);
export const newRoomId = (): string => randomBase64url(16);
export const newMemberSecret = (): string => randomBase64url(32);
export const newRoomSecret = (): string => randomBase64url(32);

/**
 * A deterministic, valid 22-character event id for index `n`, so reducer tables and properties can
 * name events without randomness.
 */
export const fixedEventId = (n: number): string => `evt${String(n)}`.padEnd(22, '_');
