import type { Seat } from './ids.ts';
import { otherSeat } from './ids.ts';
import type { CheckInRound, RoomState } from './room-state.ts';
import { withSeat } from './room-state.ts';
import { UNANSWERED_AFTER_MS } from './schedule.ts';
import type { CheckInAnswer } from './signals.ts';

/**
 * Regular check-ins: while a session runs with an interval agreed, each time it is up both phones
 * prompt "Check in". The time comes from the log (the server's clock), so both phones agree on
 * when; whichever phone's timer fires first writes the round into the log, and both prompt it.
 */

const MINUTE_MS = 60_000;

/** When the next round is due (on the server's clock, which phones keep too), or null when none will. */
export function nextRoundDueAt(state: RoomState): number | null {
  const { session, regularCheckIns } = state;
  if (session.status !== 'in_progress' || regularCheckIns.everyMinutes === 0) return null;
  const from = Math.max(
    session.startedAt ?? 0,
    regularCheckIns.setAt ?? 0,
    regularCheckIns.rounds.at(-1)?.dueAt ?? 0,
  );
  return from + regularCheckIns.everyMinutes * MINUTE_MS;
}

/** The number the next round takes. */
export const nextRoundNumber = (state: RoomState): number =>
  state.regularCheckIns.rounds.length + 1;

/** The round this seat should be prompted for: the latest, unanswered by it, while a session runs. */
export function roundAwaiting(state: RoomState, seat: Seat): CheckInRound | null {
  if (state.session.status !== 'in_progress') return null;
  const latest = state.regularCheckIns.rounds.at(-1);
  return latest !== undefined && latest.answers[seat] === null ? latest : null;
}

export type PartnerRoundStatus =
  | { readonly kind: 'answered'; readonly round: number; readonly answer: CheckInAnswer }
  | { readonly kind: 'waiting'; readonly round: number }
  /** The partner has not answered for UNANSWERED_AFTER_MS: said plainly to this phone. */
  | { readonly kind: 'unanswered'; readonly round: number };

/** How the partner of `seat` stands on the latest round at `now` (the phone's clock, set by the network). */
export function partnerRoundStatus(
  state: RoomState,
  seat: Seat,
  now: number,
): PartnerRoundStatus | null {
  const latest = state.regularCheckIns.rounds.at(-1);
  if (latest === undefined) return null;
  const answer = latest.answers[otherSeat(seat)];
  if (answer !== null) return { kind: 'answered', round: latest.round, answer };
  if (state.session.status !== 'in_progress') return null;
  return now - latest.dueAt >= UNANSWERED_AFTER_MS
    ? { kind: 'unanswered', round: latest.round }
    : { kind: 'waiting', round: latest.round };
}

// ---- Reducer steps ----

export function applyRoundDue(state: RoomState, round: number, storedAt: number): RoomState {
  const { regularCheckIns } = state;
  // One entry per round: the second phone's word for the same round is already in.
  if (state.session.status !== 'in_progress' || regularCheckIns.everyMinutes === 0) return state;
  if (round !== nextRoundNumber(state)) return state;
  const added: CheckInRound = { round, dueAt: storedAt, answers: [null, null] };
  return {
    ...state,
    regularCheckIns: { ...regularCheckIns, rounds: [...regularCheckIns.rounds, added] },
  };
}

export function applyRoundAnswer(
  state: RoomState,
  seat: Seat,
  round: number,
  answer: CheckInAnswer,
): RoomState {
  const { rounds } = state.regularCheckIns;
  const index = rounds.findIndex((existing) => existing.round === round);
  const found = rounds[index];
  if (found === undefined || found.answers[seat] !== null) return state;
  const answered: CheckInRound = { ...found, answers: withSeat(found.answers, seat, answer) };
  return {
    ...state,
    regularCheckIns: {
      ...state.regularCheckIns,
      rounds: rounds.map((existing, i) => (i === index ? answered : existing)),
    },
  };
}
