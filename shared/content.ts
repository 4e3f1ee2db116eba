import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { EventId } from './ids.ts';
import type { Seat } from './ids.ts';
import { CheckInAnswer, SignalKind } from './signals.ts';

/**
 * Content events: what partners say to each other. They only ever travel sealed (see crypto/),
 * so the server never sees any of these fields. Each is one entry in the room's ordered log; the
 * envelope around it supplies the event id, the sender's seat and the sequence number.
 */
export const ItemId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/));

export const ItemLabel = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(LIMITS.maxItemLabelChars),
    z.regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  );

/** Whom a checklist item is for: both partners, or one seat. */
export const ItemAudience = z.enum(['both', 'seat0', 'seat1']);
export type ItemAudience = z.infer<typeof ItemAudience>;

/** The audience that names one seat. */
export const seatAudience = (seat: Seat): ItemAudience => (seat === 0 ? 'seat0' : 'seat1');

export const SignalSent = z.strictObject({ type: z.literal('signal'), kind: SignalKind });
export const SignalDelivered = z.strictObject({
  type: z.literal('signal_delivered'),
  signalId: EventId,
});
export const SignalSeen = z.strictObject({
  type: z.literal('signal_seen'),
  signalIds: z.array(EventId).check(z.minLength(1), z.maxLength(LIMITS.maxSeenBatch)),
});
export const CheckInAnswered = z.strictObject({
  type: z.literal('check_in_answer'),
  signalId: EventId,
  answer: CheckInAnswer,
});
export const SessionStarted = z.strictObject({ type: z.literal('session_started') });
export const SessionEnded = z.strictObject({ type: z.literal('session_ended') });
export const ChecklistItemAdded = z.strictObject({
  type: z.literal('checklist_item_added'),
  itemId: ItemId,
  label: ItemLabel,
  audience: ItemAudience,
});
export const ChecklistItemChecked = z.strictObject({
  type: z.literal('checklist_item_checked'),
  itemId: ItemId,
  checked: z.boolean(),
});

export const ContentEvent = z.discriminatedUnion('type', [
  SignalSent,
  SignalDelivered,
  SignalSeen,
  CheckInAnswered,
  SessionStarted,
  SessionEnded,
  ChecklistItemAdded,
  ChecklistItemChecked,
]);
export type ContentEvent = z.infer<typeof ContentEvent>;
export type ContentEventType = ContentEvent['type'];

/** Events whose arrival should wake the partner (the envelope's "notify" bit). */
export const isUrgent = (event: ContentEvent): boolean => event.type === 'signal';
