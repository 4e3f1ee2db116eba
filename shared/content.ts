import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { EventId } from './ids.ts';
import type { Seat } from './ids.ts';
import { CheckInInterval, FollowUpFirst, FollowUpMood, FollowUpPoint } from './schedule.ts';
import { CheckInAnswer, SignalKind } from './signals.ts';
import { Afterwards, WishId, ownWishKey } from './wishes.ts';

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

/** Words a person wrote, one line: trimmed, within the label limit, no control characters. */
const OneLine = (maxChars: number) =>
  z
    .string()
    .check(z.trim(), z.maxLength(maxChars), z.regex(/^[^\p{Cc}]*$/u, 'no control characters'));

/**
 * Free text over several lines: newlines and tabs allowed, other control characters not. Lone
 * surrogates (\p{Cs}) are refused too: JSON escapes each as six bytes, and a reflection sealed a
 * second time must fit LIMITS.maxSealedReflectionChars whatever it holds.
 */
const Paragraph = (maxChars: number) =>
  z
    .string()
    .check(
      z.maxLength(maxChars),
      z.regex(
        /^(?:[^\p{Cc}\p{Cs}]|[\n\t])*$/u,
        'whole characters only, no control characters but newlines and tabs',
      ),
    );

const unique = (values: readonly unknown[]) => new Set(values).size === values.length;

// ---- Before: wishes, and the regular check-ins agreed for the room. ----

/**
 * A partner's aftercare wishes, shared: the whole current choice, so sharing again replaces what
 * they shared before. Nothing of it travels until the person chooses to share.
 */
export const WishesShared = z.strictObject({
  type: z.literal('wishes_shared'),
  wishes: z.array(WishId).check(z.refine(unique, 'each wish once')),
  own: z.array(ItemLabel).check(
    z.maxLength(LIMITS.maxOwnWishes),
    // The same rule the plan merges by (apart from case and spacing): two words it would make one
    // item never travel in one share.
    z.refine((labels) => unique(labels.map(ownWishKey)), 'each once'),
  ),
  afterwards: z.nullable(Afterwards),
});

export const RegularCheckInsSet = z.strictObject({
  type: z.literal('regular_check_ins_set'),
  everyMinutes: CheckInInterval,
});

// ---- During: a regular check-in comes due on both phones and each answers it. ----

/**
 * A regular check-in has come due. Either phone may say so (whichever's timer fires first);
 * the reducer keeps one per round, so both phones prompt for the same one.
 */
export const CheckInRoundDue = z.strictObject({
  type: z.literal('check_in_round_due'),
  round: z.int().check(z.minimum(1), z.maximum(10_000)),
});

export const CheckInRoundAnswered = z.strictObject({
  type: z.literal('check_in_round_answer'),
  round: z.int().check(z.minimum(1), z.maximum(10_000)),
  answer: CheckInAnswer,
});

// ---- After: reflection, revealed when both have shared. ----

/**
 * A reflection, sealed a second time under a key only its writer's phone holds, so the partner's
 * phone cannot read it before the writer reveals the key (once both have shared, or at once with
 * "Show mine now"). Neither is swayed by the other's answers.
 */
export const ReflectionShared = z.strictObject({
  type: z.literal('reflection_shared'),
  sealed: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(LIMITS.maxSealedReflectionChars),
      z.regex(/^[A-Za-z0-9_-]+$/),
    ),
});

/** The key that opens the sender's reflection: 32 bytes, base64url. */
export const ReflectionRevealed = z.strictObject({
  type: z.literal('reflection_revealed'),
  key: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});

/** What a reflection holds once opened. Never sent as is: only inside `sealed`. */
export const ReflectionAnswers = z.strictObject({
  good: Paragraph(LIMITS.maxReflectionChars),
  change: Paragraph(LIMITS.maxReflectionChars),
});
export type ReflectionAnswers = z.infer<typeof ReflectionAnswers>;

// ---- Later: the follow-up. ----

export const FollowUpSet = z.strictObject({
  type: z.literal('follow_up_set'),
  first: FollowUpFirst,
  /** Also on day 3 and day 7. */
  alsoLater: z.boolean(),
});

/** "How are you?", asked by one partner at any time; the event id names the question. */
export const FollowUpAsked = z.strictObject({ type: z.literal('follow_up_asked') });

/** What a follow-up answer answers: a scheduled point, or a partner's question. */
export const FollowUpRef = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('scheduled'), point: FollowUpPoint }),
  z.strictObject({ type: z.literal('asked'), askId: EventId }),
]);
export type FollowUpRef = z.infer<typeof FollowUpRef>;

export const FollowUpAnswered = z.strictObject({
  type: z.literal('follow_up_answer'),
  /** Every prompt waiting for this person when they answered: one answer covers them all. */
  covers: z.array(FollowUpRef).check(z.minLength(1), z.maxLength(LIMITS.maxFollowUpCovers)),
  mood: FollowUpMood,
  note: OneLine(LIMITS.maxFollowUpNoteChars),
});

// ---- Before: the ready check. ----

/**
 * "Test alerts": the partner's phone shows this exactly as it shows a real signal (full screen,
 * vibration, sound where on), labelled a test. It travels exactly like a signal too (urgent, see
 * isUrgent), so a test that gets through says a real Pause will. The event id names the test; a
 * newer test from the same phone supersedes it (readiness.ts).
 */
export const TestAlertSent = z.strictObject({ type: z.literal('test_alert') });

/**
 * "Got it" on a partner's test alert. Carries nothing about this phone's screen or sound: each
 * phone shows its own, and the partner needs only to know the alert got through.
 */
export const TestAlertSeen = z.strictObject({
  type: z.literal('test_alert_seen'),
  ref: EventId,
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
  WishesShared,
  RegularCheckInsSet,
  CheckInRoundDue,
  CheckInRoundAnswered,
  ReflectionShared,
  ReflectionRevealed,
  FollowUpSet,
  FollowUpAsked,
  FollowUpAnswered,
  TestAlertSent,
  TestAlertSeen,
]);
export type ContentEvent = z.infer<typeof ContentEvent>;
export type ContentEventType = ContentEvent['type'];

/**
 * Events whose arrival should wake the partner (the envelope's "notify" bit): signals, a test
 * alert (it must travel exactly as a signal does, or it would prove nothing), and a partner
 * asking how they are. A regular check-in needs no wake: each phone prompts itself.
 */
export const isUrgent = (event: ContentEvent): boolean =>
  event.type === 'signal' || event.type === 'test_alert' || event.type === 'follow_up_asked';
