import { isWishItemId } from './default-plan.ts';
import { applyFollowUpAnswer } from './follow-up.ts';
import type { Seat } from './ids.ts';
import { LIMITS } from './limits.ts';
import { planWithWishes } from './plan.ts';
import { applyTestAlert, applyTestAlertSeen } from './readiness.ts';
import { applyReflectionRevealed, applyReflectionShared } from './reflection.ts';
import { applyRoundAnswer, applyRoundDue } from './regular-check-ins.ts';
import type { ChecklistItem, LogEntry, RoomState, SignalRecord } from './room-state.ts';
import { initialRoomState, withSeat } from './room-state.ts';
import { inCatalogueOrder } from './wishes.ts';

export type {
  ChecklistItem,
  LogEntry,
  RoomState,
  SessionStatus,
  SignalRecord,
  TestAlertRecord,
} from './room-state.ts';
export { initialRoomState } from './room-state.ts';

/**
 * The room reducer: both phones fold the same server-ordered log through it and so show the same
 * room. It is pure and total: an event that makes no sense in the current state (a receipt for an
 * unknown signal, a sender acknowledging their own signal, a second answer) changes nothing.
 */

/** Updates the signal `id` if the entry's sender is its recipient; otherwise returns `signals`. */
function updateReceivedSignal(
  signals: readonly SignalRecord[],
  id: string,
  recipient: Seat,
  update: (signal: SignalRecord) => SignalRecord,
): readonly SignalRecord[] {
  const index = signals.findIndex((signal) => signal.id === id);
  const signal = signals[index];
  if (signal === undefined || signal.from === recipient) return signals;
  const next = update(signal);
  if (next === signal) return signals;
  return signals.map((existing, i) => (i === index ? next : existing));
}

const markDelivered = (at: number) => (signal: SignalRecord) =>
  signal.deliveredAt === null ? { ...signal, deliveredAt: at } : signal;

const markSeen = (at: number) => (signal: SignalRecord) =>
  signal.seenAt === null
    ? { ...signal, deliveredAt: signal.deliveredAt ?? at, seenAt: at }
    : signal;

function applyEvent(state: RoomState, entry: LogEntry): RoomState {
  const { event, seat, storedAt } = entry;
  switch (event.type) {
    case 'signal': {
      // One record per id, whatever the log holds: receipts address a signal by its id.
      if (state.signals.some((existing) => existing.id === entry.eventId)) return state;
      const signal: SignalRecord = {
        id: entry.eventId,
        kind: event.kind,
        from: seat,
        seq: entry.seq,
        sentAt: storedAt,
        deliveredAt: null,
        seenAt: null,
        answer: null,
      };
      return { ...state, signals: [...state.signals, signal] };
    }
    case 'signal_delivered':
      return {
        ...state,
        signals: updateReceivedSignal(state.signals, event.signalId, seat, markDelivered(storedAt)),
      };
    case 'signal_seen': {
      let signals = state.signals;
      for (const id of event.signalIds) {
        signals = updateReceivedSignal(signals, id, seat, markSeen(storedAt));
      }
      return { ...state, signals };
    }
    case 'check_in_answer':
      return {
        ...state,
        signals: updateReceivedSignal(state.signals, event.signalId, seat, (signal) =>
          signal.kind === 'check_in' && signal.answer === null
            ? { ...markSeen(storedAt)(signal), answer: event.answer }
            : signal,
        ),
      };
    case 'session_started':
      if (state.session.status !== 'not_started') return state;
      return {
        ...state,
        session: { ...state.session, status: 'in_progress', startedAt: storedAt },
      };
    case 'session_ended':
      if (state.session.status === 'ended') return state;
      return {
        ...state,
        session: { ...state.session, status: 'ended', endedAt: storedAt, endedBy: seat },
        checklist: planWithWishes(state.checklist, state.wishes),
      };
    case 'checklist_item_added': {
      const exists = state.checklist.some((item) => item.id === event.itemId);
      // A catalogue wish's id is kept for that wish, in the plan now or once it is built.
      if (exists || isWishItemId(event.itemId)) return state;
      if (state.checklist.length >= LIMITS.maxChecklistItems) return state;
      const item: ChecklistItem = {
        id: event.itemId,
        what: { type: 'words', label: event.label },
        group: 'other',
        source: 'added',
        audience: event.audience,
        addedBy: seat,
        checked: false,
        checkedBy: null,
      };
      return { ...state, checklist: [...state.checklist, item] };
    }
    case 'checklist_item_checked': {
      const exists = state.checklist.some((item) => item.id === event.itemId);
      if (!exists) return state;
      return {
        ...state,
        checklist: state.checklist.map((item) =>
          item.id === event.itemId
            ? { ...item, checked: event.checked, checkedBy: event.checked ? seat : null }
            : item,
        ),
      };
    }
    case 'wishes_shared': {
      const shared = {
        wishes: inCatalogueOrder(event.wishes),
        own: event.own,
        afterwards: event.afterwards,
        sharedAt: storedAt,
      };
      const wishes = withSeat(state.wishes, seat, shared);
      // A share that reaches the log after the end (sent offline, say) still joins the plan.
      const checklist =
        state.session.status === 'ended'
          ? planWithWishes(state.checklist, wishes)
          : state.checklist;
      return { ...state, wishes, checklist };
    }
    case 'regular_check_ins_set':
      return {
        ...state,
        regularCheckIns: {
          ...state.regularCheckIns,
          everyMinutes: event.everyMinutes,
          setAt: storedAt,
        },
      };
    case 'check_in_round_due':
      return applyRoundDue(state, event.round, storedAt);
    case 'check_in_round_answer':
      return applyRoundAnswer(state, seat, event.round, event.answer);
    case 'reflection_shared':
      return applyReflectionShared(state, seat, {
        eventId: entry.eventId,
        sealed: event.sealed,
        sharedAt: storedAt,
        key: null,
      });
    case 'reflection_revealed':
      return applyReflectionRevealed(state, seat, event.key);
    case 'follow_up_set':
      return {
        ...state,
        followUp: { ...state.followUp, first: event.first, alsoLater: event.alsoLater },
      };
    case 'follow_up_asked':
      if (state.followUp.asks.some((ask) => ask.id === entry.eventId)) return state;
      return {
        ...state,
        followUp: {
          ...state.followUp,
          asks: [...state.followUp.asks, { id: entry.eventId, from: seat, askedAt: storedAt }],
        },
      };
    case 'follow_up_answer':
      return applyFollowUpAnswer(state, {
        id: entry.eventId,
        from: seat,
        answeredAt: storedAt,
        covers: event.covers,
        mood: event.mood,
        note: event.note,
      });
    case 'test_alert':
      return applyTestAlert(state, seat, { id: entry.eventId, seq: entry.seq, sentAt: storedAt });
    case 'test_alert_seen':
      return applyTestAlertSeen(state, seat, event.ref, storedAt);
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new TypeError(`unhandled content event ${JSON.stringify(value)}`);
}

/** Folds one log entry into the state. Entries at or below `lastSeq` are already in it. */
export function reduceRoom(state: RoomState, entry: LogEntry): RoomState {
  if (entry.seq <= state.lastSeq) return state;
  return { ...applyEvent(state, entry), lastSeq: entry.seq };
}

export const foldLog = (entries: Iterable<LogEntry>, from: RoomState = initialRoomState) => {
  let state = from;
  for (const entry of entries) state = reduceRoom(state, entry);
  return state;
};

// ---- Selectors: what the screens ask of the state. ----

export type SignalStatus = 'sent' | 'delivered' | 'seen' | 'answered';

export function signalStatus(signal: SignalRecord): SignalStatus {
  if (signal.answer !== null) return 'answered';
  if (signal.seenAt !== null) return 'seen';
  if (signal.deliveredAt !== null) return 'delivered';
  return 'sent';
}

/** Signals from the partner that this seat has not acknowledged yet, oldest first. */
export const pendingAlertsFor = (state: RoomState, seat: Seat): readonly SignalRecord[] =>
  state.signals.filter(
    (signal) => signal.from !== seat && signal.seenAt === null && signal.answer === null,
  );

/** Partner signals this seat has received but not yet confirmed as delivered. */
export const deliveryReceiptsOwedBy = (state: RoomState, seat: Seat): readonly SignalRecord[] =>
  state.signals.filter((signal) => signal.from !== seat && signal.deliveredAt === null);

export const latestSignalFrom = (state: RoomState, seat: Seat): SignalRecord | undefined =>
  state.signals.findLast((signal) => signal.from === seat);
