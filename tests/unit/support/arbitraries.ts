import fc from 'fast-check';
import { DEFAULT_PLAN } from '../../../shared/default-plan.ts';
import type { ContentEvent, ItemAudience } from '../../../shared/content.ts';
import { toBase64url } from '../../../shared/crypto/base64url.ts';
import type { Seat } from '../../../shared/ids.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import { CHECK_IN_ANSWERS, SIGNAL_KINDS } from '../../../shared/signals.ts';
import type { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import { fixedEventId } from '../../support/ids.ts';
import { arbArcEvent } from './arb-arc-events.ts';
import { arcDrafts, emptyArcLogModel, observeArcEntry, resolveArcDraft } from './arb-arc-log.ts';
import type { ArcDraft, ArcLogModel } from './arb-arc-log.ts';

// ---- Content events ----

export const arbSeat: fc.Arbitrary<Seat> = fc.constantFrom<Seat>(0, 1);
export const arbSignalKind: fc.Arbitrary<SignalKind> = fc.constantFrom(...SIGNAL_KINDS);
export const arbAnswer: fc.Arbitrary<CheckInAnswer> = fc.constantFrom(...CHECK_IN_ANSWERS);
export const arbAudience: fc.Arbitrary<ItemAudience> = fc.constantFrom<ItemAudience>(
  'both',
  'seat0',
  'seat1',
);

/** 16 random bytes as unpadded base64url: 22 characters, like every event id. */
export const arbEventId: fc.Arbitrary<string> = fc
  .uint8Array({ minLength: 16, maxLength: 16 })
  .map(toBase64url);

export const arbItemId: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split(''),
  ),
  minLength: 1,
  maxLength: 40,
});

/** Any single UTF-16 code unit, lone surrogates included. */
const arbCodeUnit: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0xffff })
  .map((unit) => String.fromCharCode(unit));

/**
 * Labels the schema accepts unchanged: 1..80 UTF-16 units, trimmed, no control characters. Drawn
 * from ASCII, whole code points (emoji, CJK, …) and raw code units (lone surrogates).
 */
export const arbItemLabel: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: LIMITS.maxItemLabelChars }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: LIMITS.maxItemLabelChars }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: LIMITS.maxItemLabelChars }),
    fc.string({ unit: arbCodeUnit, minLength: 1, maxLength: LIMITS.maxItemLabelChars }),
  )
  .map((raw) =>
    raw
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(0, LIMITS.maxItemLabelChars)
      .trim(),
  )
  .filter((label) => label.length > 0);

export const arbContentEvent: fc.Arbitrary<ContentEvent> = fc.oneof(
  arbSignalKind.map((kind): ContentEvent => ({ type: 'signal', kind })),
  arbEventId.map((signalId): ContentEvent => ({ type: 'signal_delivered', signalId })),
  fc
    .array(arbEventId, { minLength: 1, maxLength: LIMITS.maxSeenBatch })
    .map((signalIds): ContentEvent => ({ type: 'signal_seen', signalIds })),
  fc
    .record({ signalId: arbEventId, answer: arbAnswer })
    .map(({ signalId, answer }): ContentEvent => ({ type: 'check_in_answer', signalId, answer })),
  fc.constant<ContentEvent>({ type: 'session_started' }),
  fc.constant<ContentEvent>({ type: 'session_ended' }),
  fc
    .record({ itemId: arbItemId, label: arbItemLabel, audience: arbAudience })
    .map(({ itemId, label, audience }): ContentEvent => ({
      type: 'checklist_item_added',
      itemId,
      label,
      audience,
    })),
  fc
    .record({ itemId: arbItemId, checked: fc.boolean() })
    .map(({ itemId, checked }): ContentEvent => ({
      type: 'checklist_item_checked',
      itemId,
      checked,
    })),
  arbArcEvent(arbItemLabel, arbEventId),
  fc.constant<ContentEvent>({ type: 'test_alert' }),
  arbEventId.map((ref): ContentEvent => ({ type: 'test_alert_seen', ref })),
);

// ---- Room logs for the reducer ----

/**
 * Item ids that logs refer to: the defaults, items only wishes bring into the plan (a catalogue
 * wish, a person's own words) and a small pool, so adds, wishes and ticks collide.
 */
const LOG_ITEM_IDS: readonly string[] = [
  ...DEFAULT_PLAN.map((item) => item.id),
  'wish-shower',
  'wish-hold_hands',
  'own-1',
  'own-2',
  'extra-a',
  'extra-b',
  'extra-c',
];

/** An id no entry in a generated log carries: receipts for it must be ignored. */
export const UNKNOWN_SIGNAL_ID = 'unknown_signal_id_____';

/**
 * Which signal a receipt names: usually one sent earlier in the log (so receipts land), otherwise
 * any event id in the log (a later signal, a non-signal entry) or an unknown one.
 */
interface TargetDraft {
  readonly earlierSignal: boolean;
  readonly pick: number;
}

type EventDraft =
  | { readonly type: 'signal'; readonly kind: SignalKind }
  | { readonly type: 'signal_delivered'; readonly target: TargetDraft }
  | { readonly type: 'signal_seen'; readonly targets: readonly TargetDraft[] }
  | {
      readonly type: 'check_in_answer';
      readonly target: TargetDraft;
      readonly answer: CheckInAnswer;
    }
  | { readonly type: 'session_started' }
  | { readonly type: 'session_ended' }
  | {
      readonly type: 'checklist_item_added';
      readonly itemId: string;
      readonly label: string;
      readonly audience: ItemAudience;
    }
  | { readonly type: 'checklist_item_checked'; readonly itemId: string; readonly checked: boolean }
  | ArcDraft;

interface EntryDraft {
  readonly seat: Seat;
  readonly seqGap: number;
  readonly timeGap: number;
  readonly event: EventDraft;
}

const arbTarget: fc.Arbitrary<TargetDraft> = fc.record({
  earlierSignal: fc.oneof(
    { weight: 3, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  pick: fc.nat(),
});

const arbLogItemId = fc.constantFrom(...LOG_ITEM_IDS);

const arbEventDraft: fc.Arbitrary<EventDraft> = fc.oneof(
  { weight: 4, arbitrary: arbSignalKind.map((kind) => ({ type: 'signal', kind }) as const) },
  {
    weight: 3,
    arbitrary: arbTarget.map((target) => ({ type: 'signal_delivered', target }) as const),
  },
  {
    weight: 3,
    arbitrary: fc
      .array(arbTarget, { minLength: 1, maxLength: 4 })
      .map((targets) => ({ type: 'signal_seen', targets }) as const),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ target: arbTarget, answer: arbAnswer })
      .map(({ target, answer }) => ({ type: 'check_in_answer', target, answer }) as const),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'session_started' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'session_ended' } as const) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        itemId: arbLogItemId,
        label: fc.constantFrom('Tea', 'A walk', 'Music'),
        audience: arbAudience,
      })
      .map((fields) => ({ type: 'checklist_item_added', ...fields }) as const),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ itemId: arbLogItemId, checked: fc.boolean() })
      .map((fields) => ({ type: 'checklist_item_checked', ...fields }) as const),
  },
  ...arcDrafts,
);

const arbEntryDraft: fc.Arbitrary<EntryDraft> = fc.record({
  seat: arbSeat,
  seqGap: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, fc.integer({ min: 1, max: 3 })),
  timeGap: fc.nat({ max: 5_000 }),
  event: arbEventDraft,
});

function resolveTarget(
  target: TargetDraft,
  earlierSignals: readonly string[],
  everyId: readonly string[],
): string {
  const pool = target.earlierSignal && earlierSignals.length > 0 ? earlierSignals : everyId;
  return pool[target.pick % pool.length] ?? UNKNOWN_SIGNAL_ID;
}

function resolveEvent(
  draft: EventDraft,
  earlier: { readonly signals: readonly string[]; readonly arc: ArcLogModel },
  everyId: readonly string[],
): ContentEvent {
  const earlierSignals = earlier.signals;
  switch (draft.type) {
    case 'signal_delivered':
      return {
        type: 'signal_delivered',
        signalId: resolveTarget(draft.target, earlierSignals, everyId),
      };
    case 'signal_seen':
      return {
        type: 'signal_seen',
        signalIds: draft.targets.map((t) => resolveTarget(t, earlierSignals, everyId)),
      };
    case 'check_in_answer':
      return {
        type: 'check_in_answer',
        signalId: resolveTarget(draft.target, earlierSignals, everyId),
        answer: draft.answer,
      };
    case 'signal':
    case 'session_started':
    case 'session_ended':
    case 'checklist_item_added':
    case 'checklist_item_checked':
      return draft;
    case 'as_is':
    case 'round_step':
    case 'round_answer':
    case 'follow_up_answer':
      return resolveArcDraft(draft, earlier.arc, everyId, UNKNOWN_SIGNAL_ID);
  }
}

/** Turns drafts into a log: unique event ids, strictly increasing seq, non-decreasing time. */
function buildLog(drafts: readonly EntryDraft[], firstStoredAt = 1_700_000_000_000) {
  const everyId = [...drafts.map((_, i) => fixedEventId(i)), UNKNOWN_SIGNAL_ID];
  const signals: string[] = [];
  let arc = emptyArcLogModel;
  const entries: LogEntry[] = [];
  let seq = 0;
  let storedAt = firstStoredAt;
  drafts.forEach((draft, i) => {
    seq += draft.seqGap;
    storedAt += draft.timeGap;
    const eventId = fixedEventId(i);
    const event = resolveEvent(draft.event, { signals, arc }, everyId);
    const entry: LogEntry = { seq, eventId, seat: draft.seat, storedAt, event };
    entries.push(entry);
    if (event.type === 'signal') signals.push(eventId);
    arc = observeArcEntry(arc, entry);
  });
  return entries;
}

/** A valid, server-ordered room log, as both phones would decrypt it. */
export const arbLog = (maxLength = 40): fc.Arbitrary<LogEntry[]> =>
  fc.array(arbEntryDraft, { maxLength, size: 'medium' }).map((drafts) => buildLog(drafts));

/** Splits `items` into consecutive, possibly empty, batches at the given cut points. */
export function splitAt<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b);
  const batches: T[][] = [];
  let start = 0;
  for (const point of points) {
    batches.push(items.slice(start, point));
    start = point;
  }
  batches.push(items.slice(start));
  return batches;
}

/**
 * Re-delivery as a reconnecting phone sees it: after some entries, an already-delivered stretch
 * arrives again (a replay page that overlaps what the phone holds, or a duplicated push).
 */
export interface Redelivery {
  readonly after: number;
  readonly from: number;
  readonly length: number;
}

export const arbRedeliveries: fc.Arbitrary<Redelivery[]> = fc.array(
  fc.record({ after: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  { maxLength: 10 },
);

export function withRedeliveries<T>(items: readonly T[], redeliveries: readonly Redelivery[]): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    out.push(item);
    for (const r of redeliveries) {
      if (r.after % items.length !== i) continue;
      const from = r.from % (i + 1);
      out.push(...items.slice(from, Math.min(from + r.length, i + 1)));
    }
  });
  return out;
}
