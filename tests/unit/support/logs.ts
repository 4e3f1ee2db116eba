import type { ContentEvent } from '../../../shared/content.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import { fixedEventId } from '../../support/ids.ts';

/** Time of the entry at seq 0; entry `seq` is stored at `timeOf(seq)`. */
export const T0 = 1_700_000_000_000;
export const timeOf = (seq: number): number => T0 + seq * 1_000;
/** The event id of the entry at `seq` in a log built by `log()`. */
export const idOf = (seq: number): string => fixedEventId(seq);

/** The entry at `seq`: event id `idOf(seq)`, stored at `timeOf(seq)`, as `log()` numbers them. */
export const entryAt = (seq: number, seat: Seat, event: ContentEvent): LogEntry => ({
  seq,
  eventId: idOf(seq),
  seat,
  storedAt: timeOf(seq),
  event,
});

/** An entry at `seq` that carries the event id of the entry at `original`: a copy served again. */
export const copyOf = (
  original: number,
  seq: number,
  seat: Seat,
  event: ContentEvent,
): LogEntry => ({
  ...entryAt(seq, seat, event),
  eventId: idOf(original),
});

/** A log from (seat, event) pairs: seq 1, 2, …, each as `entryAt` makes it. */
export function log(...steps: readonly (readonly [Seat, ContentEvent])[]): LogEntry[] {
  return steps.map(([seat, event], i) => entryAt(i + 1, seat, event));
}

/** Freezes a value and everything reachable from it, so any mutation throws (ESM is strict). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}

// Shorthands for content events.
export const signal = (kind: 'pause' | 'slow_down' | 'check_in'): ContentEvent => ({
  type: 'signal',
  kind,
});
export const delivered = (seq: number): ContentEvent => ({
  type: 'signal_delivered',
  signalId: idOf(seq),
});
export const seen = (...seqs: number[]): ContentEvent => ({
  type: 'signal_seen',
  signalIds: seqs.map(idOf),
});
export const answer = (seq: number, value: 'okay' | 'slow_down' | 'pause'): ContentEvent => ({
  type: 'check_in_answer',
  signalId: idOf(seq),
  answer: value,
});
export const started: ContentEvent = { type: 'session_started' };
export const ended: ContentEvent = { type: 'session_ended' };
export const added = (
  itemId: string,
  label = 'Tea',
  audience: 'both' | 'seat0' | 'seat1' = 'both',
): ContentEvent => ({ type: 'checklist_item_added', itemId, label, audience });
export const checked = (itemId: string, value = true): ContentEvent => ({
  type: 'checklist_item_checked',
  itemId,
  checked: value,
});
