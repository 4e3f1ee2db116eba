import * as z from 'zod/mini';
import { Seat } from '../../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../../shared/protocol.ts';
import { StoredEnvelope as StoredEnvelopeSchema } from '../../../shared/protocol.ts';
import type { RoomRecord, SeatCredential } from '../room-store.ts';

/**
 * How a room and its envelopes look in Redis, and the checks that read them back: what comes out
 * of Redis is a boundary like any other, so it is parsed, never cast.
 */
const epochMs = z.pipe(
  z.string().check(z.regex(/^-?\d+(\.\d+)?$/, 'a number')),
  z.transform(Number),
);
const wholeNumber = z.pipe(
  z.string().check(z.regex(/^\d+$/, 'a whole number')),
  z.transform(Number),
);

/** The room hash (scripts.ts writes it). A seat is `m<seat>` (member id) with `h<seat>`. */
const RoomHash = z.object({
  inc: z.string().check(z.minLength(1)),
  created: epochMs,
  active: epochMs,
  keep: epochMs,
  seq: wholeNumber,
  /** Counts the seats taken, so a claim decided on a reading can tell the seats changed since. */
  rev: z.string(),
  /** The join verifier; absent for none. */
  v: z.optional(z.string()),
  m0: z.optional(z.string()),
  h0: z.optional(z.string()),
  m1: z.optional(z.string()),
  h1: z.optional(z.string()),
  /** A seat's push subscription, JSON (push-scripts.ts); absent for none. */
  p0: z.optional(z.string()),
  p1: z.optional(z.string()),
});

/** A room as read, with the revision a claim decided on it must still find. */
export interface ReadRoom {
  readonly record: RoomRecord;
  readonly rev: string;
}

/** The room in `fields` (HGETALL's reply), or null when there is none (no fields at all). */
export function roomOf(roomId: string, fields: Record<string, string>): ReadRoom | null {
  if (Object.keys(fields).length === 0) return null;
  const hash = RoomHash.parse(fields);
  const seat = (memberId: string | undefined, secretHash: string | undefined) =>
    memberId === undefined || secretHash === undefined
      ? null
      : ({ memberId, secretHash } satisfies SeatCredential);
  return {
    rev: hash.rev,
    record: {
      roomId,
      incarnation: hash.inc,
      createdAt: hash.created,
      lastActiveAt: hash.active,
      keepUntil: hash.keep,
      lastSeq: hash.seq,
      seats: [seat(hash.m0, hash.h0), seat(hash.m1, hash.h1)],
      joinVerifier: hash.v ?? null,
      push: [hash.p0 !== undefined, hash.p1 !== undefined],
    },
  };
}

/** A flat [field, value, field, value, …] reply (HGETALL inside a script) as an object. */
export function fieldsOf(flat: unknown): Record<string, string> {
  const items = z.array(z.string()).parse(flat);
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < items.length; i += 2) fields[items[i] ?? ''] = items[i + 1] ?? '';
  return fields;
}

/** An envelope in the log: everything but its sequence number, which is its place in the list. */
const EnvelopeBody = z.strictObject({
  eventId: z.string(),
  seat: Seat,
  ciphertext: z.string(),
  notify: z.boolean(),
  storedAt: z.number(),
});

export function bodyOf(envelope: OutgoingEnvelope, seat: Seat, storedAt: number): string {
  const body: z.infer<typeof EnvelopeBody> = {
    eventId: envelope.eventId,
    seat,
    ciphertext: envelope.ciphertext,
    notify: envelope.notify,
    storedAt,
  };
  return JSON.stringify(body);
}

export function envelopeOf(seq: number, body: string): StoredEnvelope {
  return StoredEnvelopeSchema.parse({ seq, ...EnvelopeBody.parse(JSON.parse(body)) });
}
