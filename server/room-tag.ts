import { createHmac, randomBytes } from 'node:crypto';

/** Hex characters in a tag: 32 bits, enough to tell a process's rooms apart in its logs. */
export const ROOM_TAG_LENGTH = 8;

/**
 * What stands for a room in the logs: a short HMAC of its id under `key`. One room's lines can be
 * followed, but a tag cannot be turned back into the id, nor matched against an id someone
 * learned elsewhere, without the key.
 */
export const roomTagger =
  (key: Uint8Array) =>
  (roomId: string): string =>
    createHmac('sha256', key).update(roomId, 'utf8').digest('hex').slice(0, ROOM_TAG_LENGTH);

/**
 * The process's tagger: its key is random and never stored or logged, so tags change with every
 * start and logs from two runs cannot be joined on a room.
 */
export const roomTag: (roomId: string) => string = roomTagger(randomBytes(32));
