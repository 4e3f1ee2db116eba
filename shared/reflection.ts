import type { Seat } from './ids.ts';
import { otherSeat } from './ids.ts';
import type { ReflectionRecord, RoomState } from './room-state.ts';
import { withSeat } from './room-state.ts';

/**
 * Reflection after the session: each partner may write what felt good and what they would
 * change. A reflection travels sealed under its writer's own key, and the key follows only when
 * both have shared (or the writer chooses "Show mine now"), so neither reads the other's first.
 */

/** Both partners have shared: each phone now reveals its key. */
export const bothReflected = (state: RoomState): boolean =>
  state.reflections[0] !== null && state.reflections[1] !== null;

/**
 * Whether `seat`'s phone should reveal its key now: it shared, has not revealed, and the
 * partner has shared too.
 */
export const shouldRevealOwn = (state: RoomState, seat: Seat): boolean =>
  state.reflections[seat]?.key === null && bothReflected(state);

/** The partner's reflection as far as this seat may read it: with its key, or null. */
export function partnerReflectionReadable(state: RoomState, seat: Seat): ReflectionRecord | null {
  const theirs = state.reflections[otherSeat(seat)];
  return theirs?.key == null ? null : theirs;
}

// ---- Reducer steps ----

/** One reflection per partner: the first shared is the one both read. */
export function applyReflectionShared(
  state: RoomState,
  seat: Seat,
  record: ReflectionRecord,
): RoomState {
  if (state.reflections[seat] !== null) return state;
  return { ...state, reflections: withSeat(state.reflections, seat, record) };
}

/** A key only ever opens its sender's own reflection, and only the first key counts. */
export function applyReflectionRevealed(state: RoomState, seat: Seat, key: string): RoomState {
  const own = state.reflections[seat];
  if (own === null || own.key !== null) return state;
  return { ...state, reflections: withSeat(state.reflections, seat, { ...own, key }) };
}
