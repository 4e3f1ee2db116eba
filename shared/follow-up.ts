import type { FollowUpRef } from './content.ts';
import type { Seat } from './ids.ts';
import { otherSeat } from './ids.ts';
import type { FollowUpAnswer, RoomState } from './room-state.ts';
import type { FollowUpPoint } from './schedule.ts';
import { FOLLOW_UP_DELAY_MS, followUpPointsOf } from './schedule.ts';

/**
 * The follow-up: after the session ends, each phone asks its person "How are you doing?" at the
 * points the room chose (tomorrow by default), and either partner may ask "How are you?" at any
 * time. Answers go to the partner. When a point is due is derived from the end's time in the log.
 */

export interface ScheduledFollowUp {
  readonly point: FollowUpPoint;
  readonly dueAt: number;
}

/** The follow-ups the room's setting asks for, in time order; none before the session ends. */
export function scheduledFollowUps(state: RoomState): ScheduledFollowUp[] {
  const { endedAt } = state.session;
  if (endedAt === null) return [];
  const { first, alsoLater } = state.followUp;
  return followUpPointsOf(first, alsoLater).map((point) => ({
    point,
    dueAt: endedAt + FOLLOW_UP_DELAY_MS[point],
  }));
}

/** When the last follow-up comes due: the phones ask the server to keep the room until then. */
export const lastFollowUpDueAt = (state: RoomState): number | null =>
  scheduledFollowUps(state).at(-1)?.dueAt ?? null;

/**
 * The follow-ups still to come after `now`: the moments a phone with notifications on asks to be
 * woken at (push:wake). One that is due already is no longer asked for: its prompt shows when the
 * room opens, and none later than it can have been answered yet.
 */
export const wakeTimes = (state: RoomState, now: number): number[] =>
  scheduledFollowUps(state)
    .map(({ dueAt }) => dueAt)
    .filter((dueAt) => dueAt > now);

const DAY_MS = FOLLOW_UP_DELAY_MS.day1;

/**
 * The time the phones ask the server to keep the room until, once the session has ended: with any
 * follow-up on, the last one the setting could have (day 7), at the UTC midnight after it; 0 when
 * the follow-up is off, which lets a time asked before lapse; null before the end. One horizon
 * for every setting, in whole days, so the time tells the server only that a follow-up is on,
 * neither which one nor the moment the session ended.
 */
export function roomKeptUntil(state: RoomState): number | null {
  const { endedAt } = state.session;
  if (endedAt === null) return null;
  if (lastFollowUpDueAt(state) === null) return 0;
  return (Math.floor((endedAt + FOLLOW_UP_DELAY_MS.day7) / DAY_MS) + 1) * DAY_MS;
}

/** Whether two references name the same prompt. */
export const sameRef = (a: FollowUpRef, b: FollowUpRef): boolean =>
  a.type === 'scheduled'
    ? b.type === 'scheduled' && a.point === b.point
    : b.type === 'asked' && a.askId === b.askId;

const answeredBy = (state: RoomState, seat: Seat, ref: FollowUpRef): boolean =>
  state.followUp.answers.some(
    (answer) => answer.from === seat && answer.covers.some((covered) => sameRef(covered, ref)),
  );

/**
 * What `seat` is being asked at `now` (the phone's clock): the latest scheduled point that is
 * due, and every question of the partner's, that this seat has not answered. An earlier point
 * that was missed is not asked any more: the latest stands for it. Empty when nothing waits.
 */
export function followUpsAwaiting(state: RoomState, seat: Seat, now: number): FollowUpRef[] {
  const waiting: FollowUpRef[] = [];
  const due = scheduledFollowUps(state).filter(({ dueAt }) => dueAt <= now);
  const latest = due.at(-1);
  if (latest !== undefined) {
    const ref: FollowUpRef = { type: 'scheduled', point: latest.point };
    if (!answeredBy(state, seat, ref)) waiting.push(ref);
  }
  for (const ask of state.followUp.asks) {
    if (ask.from === seat) continue;
    const ref: FollowUpRef = { type: 'asked', askId: ask.id };
    if (!answeredBy(state, seat, ref)) waiting.push(ref);
  }
  return waiting;
}

/** The partner's follow-up answers, newest first: what this phone shows of how they are. */
export const partnerFollowUpAnswers = (state: RoomState, seat: Seat): FollowUpAnswer[] =>
  state.followUp.answers.filter((answer) => answer.from === otherSeat(seat)).reverse();

/** This seat's questions the partner has not answered yet. */
export const ownAsksOpen = (state: RoomState, seat: Seat) =>
  state.followUp.asks.filter(
    (ask) =>
      ask.from === seat && !answeredBy(state, otherSeat(seat), { type: 'asked', askId: ask.id }),
  );

// ---- Reducer step ----

const scheduledPoints = (state: RoomState): FollowUpPoint[] =>
  followUpPointsOf(state.followUp.first, state.followUp.alsoLater);

/**
 * Keeps an answer's references to prompts that exist for its sender (a point the room's setting
 * asks at, once the session has ended, or a question the partner asked); an answer that references none of them
 * changes nothing. A point "answered" before the end would otherwise never be asked when due.
 */
export function applyFollowUpAnswer(state: RoomState, answer: FollowUpAnswer): RoomState {
  const covers = answer.covers.filter(
    (ref, index, all) =>
      all.findIndex((other) => sameRef(other, ref)) === index &&
      (ref.type === 'scheduled'
        ? state.session.status === 'ended' && scheduledPoints(state).includes(ref.point)
        : state.followUp.asks.some((ask) => ask.id === ref.askId && ask.from !== answer.from)),
  );
  if (covers.length === 0) return state;
  if (state.followUp.answers.some((existing) => existing.id === answer.id)) return state;
  return {
    ...state,
    followUp: { ...state.followUp, answers: [...state.followUp.answers, { ...answer, covers }] },
  };
}
