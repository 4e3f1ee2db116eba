import type { ContentEvent, FollowUpRef } from '../../../shared/content.ts';
import type { Seat } from '../../../shared/ids.ts';
import { foldLog } from '../../../shared/reducer.ts';
import type { LogEntry, RoomState } from '../../../shared/reducer.ts';
import type { CheckInInterval, FollowUpFirst, FollowUpMood } from '../../../shared/schedule.ts';
import type { CheckInAnswer } from '../../../shared/signals.ts';
import type { Afterwards, WishId } from '../../../shared/wishes.ts';
import { idOf } from './logs.ts';

/** Shorthands for the aftercare arc's content events, for reducer tables (see logs.ts). */

/** A step of a log at a given server time: the arc's schedules run on the log's times. */
export type TimedStep = readonly [Seat, number, ContentEvent];

/** A log whose entries carry the given server times (seq 1, 2, …, ids as `idOf`). */
export const timed = (...steps: readonly TimedStep[]): LogEntry[] =>
  steps.map(([seat, storedAt, event], i) => ({
    seq: i + 1,
    eventId: idOf(i + 1),
    seat,
    storedAt,
    event,
  }));

/** `state` with more timed entries folded in, numbered on from its last seq. */
export const foldMore = (state: RoomState, ...steps: readonly TimedStep[]): RoomState =>
  foldLog(
    timed(...steps).map((entry) => {
      const seq = entry.seq + state.lastSeq;
      return { ...entry, seq, eventId: idOf(seq) };
    }),
    state,
  );

export const shareWishes = (
  wishes: readonly WishId[],
  own: readonly string[] = [],
  afterwards: Afterwards | null = null,
): ContentEvent => ({ type: 'wishes_shared', wishes: [...wishes], own: [...own], afterwards });

export const everyMinutes = (minutes: CheckInInterval): ContentEvent => ({
  type: 'regular_check_ins_set',
  everyMinutes: minutes,
});

export const roundDue = (round: number): ContentEvent => ({ type: 'check_in_round_due', round });

export const roundAnswer = (round: number, answer: CheckInAnswer): ContentEvent => ({
  type: 'check_in_round_answer',
  round,
  answer,
});

/** Opaque stand-ins: the reducer never opens a reflection, it only keeps it and its key. */
export const SEALED = ['c2VhbGVkLXNlYXQtMA', 'c2VhbGVkLXNlYXQtMQ'] as const;
export const KEYS = ['K'.repeat(43), 'Q'.repeat(43)] as const;

export const reflect = (sealed: string): ContentEvent => ({ type: 'reflection_shared', sealed });
export const reveal = (key: string): ContentEvent => ({ type: 'reflection_revealed', key });

export const followUpSet = (first: FollowUpFirst, alsoLater = false): ContentEvent => ({
  type: 'follow_up_set',
  first,
  alsoLater,
});

export const ask: ContentEvent = { type: 'follow_up_asked' };

export const scheduled = (point: (FollowUpRef & { type: 'scheduled' })['point']): FollowUpRef => ({
  type: 'scheduled',
  point,
});
/** The question asked by the entry at `seq` (its event id names it). */
export const asked = (seq: number): FollowUpRef => ({ type: 'asked', askId: idOf(seq) });

export const followUpAnswer = (
  covers: readonly FollowUpRef[],
  mood: FollowUpMood = 'okay',
  note = '',
): ContentEvent => ({ type: 'follow_up_answer', covers: [...covers], mood, note });
