import type { Seat } from '../../../shared/ids.ts';
import { otherSeat } from '../../../shared/ids.ts';
import type { ChecklistItem, SignalRecord, SignalStatus } from '../../../shared/reducer.ts';
import { latestSignalFrom, pendingAlertsFor, signalStatus } from '../../../shared/reducer.ts';
import type { SignalKind } from '../../../shared/signals.ts';
import type { WishId } from '../../../shared/wishes.ts';
import type { RoomView } from '../room/room-client.ts';
import { wishLabelText } from './text.ts';

/**
 * What the screens show, derived from the log (what both phones agree on) and the outbox (what
 * this phone has said but the log does not hold yet), so a tap shows at once and stays honest.
 */

/** Partner signals still waiting for this person, minus those already acknowledged here. */
export function incomingAlerts(view: RoomView, seat: Seat): readonly SignalRecord[] {
  const acknowledgedHere = new Set(
    view.outbox.flatMap(({ event }) => {
      switch (event.type) {
        case 'signal_seen':
          return event.signalIds;
        case 'check_in_answer':
          return [event.signalId];
        default:
          return [];
      }
    }),
  );
  return pendingAlertsFor(view.room, seat).filter((signal) => !acknowledgedHere.has(signal.id));
}

export interface OwnSignal {
  /** The event id: stable from the tap until the log holds it, and after. */
  readonly id: string;
  readonly kind: SignalKind;
  readonly status: SignalStatus | 'sending';
  readonly answer: SignalRecord['answer'];
}

/** The last signal this person sent, with where it has got to. */
export function lastOwnSignal(view: RoomView, seat: Seat): OwnSignal | null {
  const queued = view.outbox.findLast((entry) => entry.event.type === 'signal');
  if (queued?.event.type === 'signal') {
    return {
      id: queued.eventId,
      kind: queued.event.kind,
      status: queued.ackedSeq === null ? 'sending' : 'sent',
      answer: null,
    };
  }
  const logged = latestSignalFrom(view.room, seat);
  if (logged === undefined) return null;
  return {
    id: logged.id,
    kind: logged.kind,
    status: signalStatus(logged),
    answer: logged.answer,
  };
}

/**
 * Whether the partner has joined, as the server last said. Before it has said anything (a reload
 * while offline) the kept log may show it: they said something, or a session was started, which
 * is only offered once both are in. Otherwise it is not known (null).
 */
/**
 * Whether the partner's phone can be reached while Tandem is closed there (it has a push
 * subscription); null before any presence is heard.
 */
export const partnerReachableByPush = (view: RoomView, seat: Seat): boolean | null =>
  view.presence?.seats[otherSeat(seat)].push ?? null;

export function partnerJoined(view: RoomView, seat: Seat): boolean | null {
  const partner = otherSeat(seat);
  const taken = view.presence?.seats[partner].taken;
  if (taken !== undefined) return taken;
  const inLog =
    view.room.session.status !== 'not_started' ||
    view.room.signals.some((signal) => signal.from === partner) ||
    view.room.checklist.some((item) => item.addedBy === partner) ||
    view.room.wishes[partner] !== null;
  return inLog ? true : null;
}

export const partnerOnline = (view: RoomView, seat: Seat): boolean =>
  view.presence?.seats[otherSeat(seat)].online ?? false;

/** A signal still waiting to be seen (or answered) by the partner. */
export const awaitingSeen = (own: OwnSignal | null): own is OwnSignal =>
  own !== null && own.status !== 'seen' && own.status !== 'answered';

export type SendWarning = 'self_offline' | 'partner_offline' | 'not_seen';

/**
 * What the sender must be told about their last signal, if anything, saying only what this phone
 * knows: offline itself, it cannot tell whether the partner is. `overdue` is whether the signal
 * has waited past the time it should have been seen in.
 */
export function sendWarning(view: RoomView, seat: Seat, overdue: boolean): SendWarning | null {
  const own = lastOwnSignal(view, seat);
  if (own?.status === 'sending' || own?.status === 'sent') {
    if (!view.connected) return 'self_offline';
    if (!partnerOnline(view, seat)) return 'partner_offline';
  }
  return awaitingSeen(own) && overdue ? 'not_seen' : null;
}

/** An item's tick as this person last set it, even before the log confirms it. */
export function displayedChecked(view: RoomView, item: ChecklistItem): boolean {
  const queued = view.outbox.findLast(
    ({ event }) => event.type === 'checklist_item_checked' && event.itemId === item.id,
  );
  return queued?.event.type === 'checklist_item_checked' ? queued.event.checked : item.checked;
}

/**
 * What an item reads: a catalogue wish in this phone's words (`labels`, read with useStore in a
 * component so a change of language re-renders it), or the words someone wrote.
 */
export const itemLabel = (
  { what }: ChecklistItem,
  labels: Readonly<Record<WishId, string>> = wishLabelText.get(),
): string => (what.type === 'wish' ? labels[what.wish] : what.label);

/** Items this person added that the log does not hold yet, shown at once as pending. */
export function queuedItems(view: RoomView): readonly { id: string; label: string }[] {
  return view.outbox.flatMap(({ event }) =>
    event.type === 'checklist_item_added' ? [{ id: event.itemId, label: event.label }] : [],
  );
}
