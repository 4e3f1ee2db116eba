import type { Seat } from './ids.ts';
import { otherSeat } from './ids.ts';
import type { RoomState, TestAlertRecord } from './room-state.ts';
import { withSeat } from './room-state.ts';

/**
 * The ready check: before they start, each partner can send a test alert that the other's phone
 * shows exactly as a real signal, and the other's "Got it" comes back. The log keeps, per seat,
 * only the latest test and whether the partner has seen it: a new test asks afresh, so an old
 * "Got it" cannot vouch for a phone that has since changed (muted, closed, reinstalled).
 */

// ---- Reducer steps ----

/**
 * `seat` sent a test alert: it replaces that seat's previous one, seen or not. The same event id
 * again (a copy served twice) changes nothing.
 */
export function applyTestAlert(
  state: RoomState,
  seat: Seat,
  test: Omit<TestAlertRecord, 'seenAt'>,
): RoomState {
  if (state.testAlerts[seat]?.id === test.id) return state;
  return { ...state, testAlerts: withSeat(state.testAlerts, seat, { ...test, seenAt: null }) };
}

/**
 * `seat` said "Got it" to the test `ref`. Only the partner's latest test can be seen: a reference
 * to an older (superseded) test, to an unknown one, or to this seat's own test changes nothing,
 * and a second "Got it" keeps the time of the first.
 */
export function applyTestAlertSeen(
  state: RoomState,
  seat: Seat,
  ref: string,
  seenAt: number,
): RoomState {
  const sender = otherSeat(seat);
  const test = state.testAlerts[sender];
  if (test === null || test.id !== ref || test.seenAt !== null) return state;
  return { ...state, testAlerts: withSeat(state.testAlerts, sender, { ...test, seenAt }) };
}

// ---- Selectors ----

/** The partner's latest test alert if this seat has not said "Got it" to it yet. */
export function testAlertAwaiting(state: RoomState, seat: Seat): TestAlertRecord | null {
  const test = state.testAlerts[otherSeat(seat)];
  return test !== null && test.seenAt === null ? test : null;
}

/** Whether the partner has seen this seat's latest test alert. */
export const ownTestSeen = (state: RoomState, seat: Seat): boolean =>
  (state.testAlerts[seat]?.seenAt ?? null) !== null;
