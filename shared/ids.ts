import * as z from 'zod/mini';

/** Identifiers travel as unpadded base64url of random (or derived) bytes. */
const base64urlOfLength = (chars: number) =>
  z.string().check(z.regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}$`)));

/** 16 bytes derived from the room secret with HKDF: public, but unguessable without the secret. */
export const RoomId = base64urlOfLength(22);
/** 32 random bytes: lives only in the URL fragment and in the two browsers. */
export const RoomSecret = base64urlOfLength(43);
/** 16 random bytes naming a device's seat. */
export const MemberId = base64urlOfLength(22);
/** 32 random bytes proving a device owns its seat; the server keeps only its SHA-256. */
export const MemberSecret = base64urlOfLength(43);
/** 16 random bytes chosen by the sender; the server deduplicates on it. */
export const EventId = base64urlOfLength(22);

export const Seat = z.union([z.literal(0), z.literal(1)]);
export type Seat = z.infer<typeof Seat>;
export const SEATS = [0, 1] as const satisfies readonly Seat[];

export const otherSeat = (seat: Seat): Seat => (seat === 0 ? 1 : 0);

/** Sequence numbers start at 1; 0 means "nothing yet". */
export const SeqNumber = z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));

/**
 * One life of a room under its id: a room deleted and made again under the same id is another
 * incarnation, so a phone never mixes the two logs.
 */
export const Incarnation = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
