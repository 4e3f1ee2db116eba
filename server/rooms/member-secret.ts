import { createHash } from 'node:crypto';

/**
 * The server keeps only this hash of a device's member secret. The secret is 32 random bytes, so
 * a fast hash is enough: there is nothing to brute-force that is smaller than 2^256. Hashes are
 * compared in constant time (store/claim.ts, sameSecret), and always have the same length.
 */
export const hashMemberSecret = (memberSecret: string): string =>
  createHash('sha256').update(memberSecret, 'utf8').digest('hex');
