import type { ContentEvent, FollowUpRef, ItemAudience } from './content.ts';
import type { Seat } from './ids.ts';
import type { CheckInInterval, FollowUpFirst, FollowUpMood } from './schedule.ts';
import { DEFAULT_PLAN } from './default-plan.ts';
import { DEFAULT_FOLLOW_UP_FIRST } from './schedule.ts';
import type { CheckInAnswer, SignalKind } from './signals.ts';
import type { Afterwards, WishGroup, WishId } from './wishes.ts';

/**
 * The room as both phones fold it from the same log (see reducer.ts). Every field is derived from
 * the log alone, so two phones holding the same log hold the same state.
 */

/** One decrypted entry of the room's log, in the server's order. */
export interface LogEntry {
  readonly seq: number;
  readonly eventId: string;
  readonly seat: Seat;
  readonly storedAt: number;
  readonly event: ContentEvent;
}

export interface SignalRecord {
  readonly id: string;
  readonly kind: SignalKind;
  readonly from: Seat;
  readonly seq: number;
  readonly sentAt: number;
  readonly deliveredAt: number | null;
  readonly seenAt: number | null;
  readonly answer: CheckInAnswer | null;
}

/** What an item says: a catalogue wish (the phone words it) or words someone wrote. */
export type ItemWhat =
  | { readonly type: 'wish'; readonly wish: WishId }
  | { readonly type: 'words'; readonly label: string };

/** Where a plan item came from: every plan's defaults, a shared wish, or added on the plan. */
export type ItemSource = 'default' | 'wish' | 'added';

export interface ChecklistItem {
  readonly id: string;
  readonly what: ItemWhat;
  /** The group the plan shows it under; words someone wrote are `other`. */
  readonly group: WishGroup | 'other';
  readonly source: ItemSource;
  readonly audience: ItemAudience;
  /** The seat that added it on the plan; null for defaults and wishes. */
  readonly addedBy: Seat | null;
  readonly checked: boolean;
  readonly checkedBy: Seat | null;
}

export type SessionStatus = 'not_started' | 'in_progress' | 'ended';

/** A partner's wishes as they last shared them. */
export interface SharedWishes {
  readonly wishes: readonly WishId[];
  readonly own: readonly string[];
  readonly afterwards: Afterwards | null;
  readonly sharedAt: number;
}

export interface CheckInRound {
  readonly round: number;
  /** When it came due: the server's time of the first phone's word. */
  readonly dueAt: number;
  /** Each seat's answer, indexed by seat. */
  readonly answers: readonly [CheckInAnswer | null, CheckInAnswer | null];
}

export interface RegularCheckIns {
  readonly everyMinutes: CheckInInterval;
  /** When the interval was last set; the next round counts from the latest of this, the start and the last round. */
  readonly setAt: number | null;
  readonly rounds: readonly CheckInRound[];
}

/** A shared reflection: sealed under its writer's key until they reveal it. */
export interface ReflectionRecord {
  readonly eventId: string;
  readonly sealed: string;
  readonly sharedAt: number;
  /** The key that opens it, once its writer revealed it; null until then. */
  readonly key: string | null;
}

export interface FollowUpAsk {
  readonly id: string;
  readonly from: Seat;
  readonly askedAt: number;
}

export interface FollowUpAnswer {
  readonly id: string;
  readonly from: Seat;
  readonly answeredAt: number;
  readonly covers: readonly FollowUpRef[];
  readonly mood: FollowUpMood;
  readonly note: string;
}

export interface FollowUpState {
  readonly first: FollowUpFirst;
  readonly alsoLater: boolean;
  readonly asks: readonly FollowUpAsk[];
  readonly answers: readonly FollowUpAnswer[];
}

/** A seat's latest test alert (the ready check, readiness.ts): a newer one replaces it. */
export interface TestAlertRecord {
  readonly id: string;
  readonly seq: number;
  readonly sentAt: number;
  /** When the partner said "Got it"; null until then. */
  readonly seenAt: number | null;
}

export interface RoomState {
  /** The highest sequence number folded in; entries at or below it are ignored (replay overlap). */
  readonly lastSeq: number;
  readonly session: {
    readonly status: SessionStatus;
    readonly startedAt: number | null;
    readonly endedAt: number | null;
    readonly endedBy: Seat | null;
  };
  readonly signals: readonly SignalRecord[];
  /**
   * The aftercare plan, shown once the session ends: every plan's defaults from the start, and
   * both partners' shared wishes folded in when it ends (plan.ts).
   */
  readonly checklist: readonly ChecklistItem[];
  /** Each seat's shared wishes, indexed by seat; null until that partner shares. */
  readonly wishes: readonly [SharedWishes | null, SharedWishes | null];
  readonly regularCheckIns: RegularCheckIns;
  /** Each seat's reflection, indexed by seat. */
  readonly reflections: readonly [ReflectionRecord | null, ReflectionRecord | null];
  readonly followUp: FollowUpState;
  /** Each seat's latest test alert, indexed by the seat that sent it; null until it sends one. */
  readonly testAlerts: readonly [TestAlertRecord | null, TestAlertRecord | null];
}

export const initialRoomState: RoomState = {
  lastSeq: 0,
  session: { status: 'not_started', startedAt: null, endedAt: null, endedBy: null },
  signals: [],
  checklist: DEFAULT_PLAN,
  wishes: [null, null],
  regularCheckIns: { everyMinutes: 0, setAt: null, rounds: [] },
  reflections: [null, null],
  followUp: { first: DEFAULT_FOLLOW_UP_FIRST, alsoLater: false, asks: [], answers: [] },
  testAlerts: [null, null],
};

/** A pair indexed by seat with one side replaced. */
export const withSeat = <T>(pair: readonly [T, T], seat: Seat, value: T): readonly [T, T] =>
  seat === 0 ? [value, pair[1]] : [pair[0], value];
