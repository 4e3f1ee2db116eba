import type { Seat } from '../../../../shared/ids.ts';
import { otherSeat } from '../../../../shared/ids.ts';
import type { RoomState, SignalRecord, TestAlertRecord } from '../../../../shared/reducer.ts';
import type { PartnerRoundStatus } from '../../../../shared/regular-check-ins.ts';
import {
  nextRoundDueAt,
  nextRoundNumber,
  partnerRoundStatus,
  roundAwaiting,
} from '../../../../shared/regular-check-ins.ts';
import type { CheckInInterval } from '../../../../shared/schedule.ts';
import { UNANSWERED_AFTER_MS } from '../../../../shared/schedule.ts';
import type { RoomView } from '../../room/room-client.ts';
import { incomingTestAlert } from '../ready/ready-view.ts';
import { incomingAlerts } from '../view-model.ts';

/**
 * Regular check-ins as the screens show them: the agreed interval, the round this phone must
 * write when its timer fires, the prompt, and which full-screen alert shows. Derived from the log
 * and the outbox, so a tap or a round this phone just wrote shows at once.
 */

/** The interval as this person last set it, even before the log confirms it. */
export function shownInterval(view: RoomView): CheckInInterval {
  const queued = view.outbox.findLast(({ event }) => event.type === 'regular_check_ins_set');
  return queued?.event.type === 'regular_check_ins_set'
    ? queued.event.everyMinutes
    : view.room.regularCheckIns.everyMinutes;
}

/** Rounds this phone has said are due (queued), by number. */
const roundsQueued = (view: RoomView): Set<number> =>
  new Set(
    view.outbox.flatMap(({ event }) => (event.type === 'check_in_round_due' ? [event.round] : [])),
  );

/** Rounds this person has answered here, the log holding the answer or not. */
const roundsAnsweredHere = (view: RoomView): Set<number> =>
  new Set(
    view.outbox.flatMap(({ event }) =>
      event.type === 'check_in_round_answer' ? [event.round] : [],
    ),
  );

/**
 * The round this phone's timer is waiting for: its number and when it is due. Null when no round
 * will come (no session running, check-ins off) or this phone has already said it is due.
 */
export function roundToSchedule(view: RoomView): { round: number; dueAt: number } | null {
  const dueAt = nextRoundDueAt(view.room);
  if (dueAt === null) return null;
  const round = nextRoundNumber(view.room);
  return roundsQueued(view).has(round) ? null : { round, dueAt };
}

/**
 * The round this person should be prompted for, if any: the newest the log holds that they have
 * not answered, or one this phone has said is due and the log will take (shown at once, so an
 * offline phone still prompts). Either way not one already answered here.
 */
export function roundToPrompt(view: RoomView, seat: Seat): number | null {
  const { room } = view;
  const answered = roundsAnsweredHere(view);
  const running = room.session.status === 'in_progress' && room.regularCheckIns.everyMinutes !== 0;
  const next = nextRoundNumber(room);
  const queued = running && roundsQueued(view).has(next) ? next : null;
  const logged = roundAwaiting(room, seat)?.round ?? null;
  return [queued, logged].find((round) => round !== null && !answered.has(round)) ?? null;
}

/**
 * The full-screen alert to show: the partner's signals first (they asked), then a round, and a
 * test alert (the ready check) last: a test must never stand in front of something real.
 */
export type RoomAlert =
  | { readonly type: 'signals'; readonly signals: readonly SignalRecord[] }
  | { readonly type: 'round'; readonly round: number }
  | { readonly type: 'test'; readonly test: TestAlertRecord };

export function roomAlert(view: RoomView, seat: Seat): RoomAlert | null {
  const signals = incomingAlerts(view, seat);
  if (signals.length > 0) return { type: 'signals', signals };
  const round = roundToPrompt(view, seat);
  if (round !== null) return { type: 'round', round };
  const test = incomingTestAlert(view, seat);
  return test === null ? null : { type: 'test', test };
}

/** A key that changes when a different alert shows: a new alert mounts afresh (focus, buzz). */
export function alertKey(alert: RoomAlert): string {
  switch (alert.type) {
    case 'signals':
      return `signal-${alert.signals.at(-1)?.id ?? ''}`;
    case 'round':
      return `round-${alert.round}`;
    case 'test':
      return `test-${alert.test.id}`;
  }
}

/**
 * The round whose answer from the partner this phone is waiting for while the session runs, or
 * null. How long the silence has lasted is measured on this phone, from when it saw the round
 * (see SessionPanel), like "Not seen yet": a phone clock that is off cannot make it cry wolf.
 */
export function partnerSilentRound(room: RoomState, seat: Seat): number | null {
  const latest = room.regularCheckIns.rounds.at(-1);
  if (room.session.status !== 'in_progress' || latest === undefined) return null;
  return latest.answers[otherSeat(seat)] === null ? latest.round : null;
}

/**
 * The partner's standing on the latest round as the screen says it, given whether their silence
 * has lasted UNANSWERED_AFTER_MS on this phone (a timer knows; the render does not read clocks).
 */
export function partnerRoundShown(
  room: RoomState,
  seat: Seat,
  silenceLasted: boolean,
): PartnerRoundStatus | null {
  const dueAt = room.regularCheckIns.rounds.at(-1)?.dueAt;
  const now =
    silenceLasted && dueAt !== undefined ? dueAt + UNANSWERED_AFTER_MS : Number.NEGATIVE_INFINITY;
  return partnerRoundStatus(room, seat, now);
}
