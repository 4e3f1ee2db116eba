import * as z from 'zod/mini';
import { Incarnation, RoomId } from './ids.ts';
import { StoredEnvelope } from './protocol.ts';

/** A moment, epoch milliseconds. */
const EpochMs = z.int().check(z.minimum(0));

/**
 * What the server sends through the push service (RFC 8291-encrypted to the subscription):
 * - `envelope`: an urgent envelope as stored, still sealed with the room key; the service worker
 *   opens it with the key the phone keeps, or shows the neutral text if it cannot. `envelope` is
 *   null when the sealed envelope is too large for a push message (4 KB).
 * - `wake`: a follow-up check-in the phone asked to be woken for has come due.
 */
export const PushPayload = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('envelope'),
    roomId: RoomId,
    incarnation: Incarnation,
    envelope: z.nullable(StoredEnvelope),
  }),
  z.strictObject({
    type: z.literal('wake'),
    roomId: RoomId,
    incarnation: Incarnation,
    at: EpochMs,
  }),
]);
export type PushPayload = z.infer<typeof PushPayload>;
