import * as z from 'zod/mini';

/**
 * The two schedules a room agrees on, as the contract names them: how often both phones prompt a
 * check-in while a session runs, and when, after it ends, each phone asks "How are you doing?".
 */

/** Minutes between regular check-ins; 0 is off. */
export const CHECK_IN_INTERVALS = [0, 10, 15, 20, 30] as const;
export type CheckInInterval = (typeof CHECK_IN_INTERVALS)[number];
export const CheckInInterval = z.union(CHECK_IN_INTERVALS.map((minutes) => z.literal(minutes)));

/** A regular check-in the partner has not answered by then is shown to the other as unanswered. */
export const UNANSWERED_AFTER_MS = 60_000;

/** Points after the session's end at which a follow-up comes due. */
export const FOLLOW_UP_POINTS = ['hours', 'day1', 'day2', 'day3', 'day7'] as const;
export type FollowUpPoint = (typeof FOLLOW_UP_POINTS)[number];
export const FollowUpPoint = z.enum(FOLLOW_UP_POINTS);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How long after the end each point comes due. "In a few hours" is four. */
export const FOLLOW_UP_DELAY_MS = {
  hours: 4 * HOUR_MS,
  day1: DAY_MS,
  day2: 2 * DAY_MS,
  day3: 3 * DAY_MS,
  day7: 7 * DAY_MS,
} as const satisfies Record<FollowUpPoint, number>;

/** The first follow-up as the room chose it ("off" asks nothing); tomorrow unless changed. */
export const FOLLOW_UP_FIRST = ['off', 'hours', 'day1', 'day2'] as const;
export type FollowUpFirst = (typeof FOLLOW_UP_FIRST)[number];
export const FollowUpFirst = z.enum(FOLLOW_UP_FIRST);
export const DEFAULT_FOLLOW_UP_FIRST: FollowUpFirst = 'day1';

/** The points a setting asks at, in time order: the first, then day 3 and day 7 when chosen. */
export function followUpPointsOf(first: FollowUpFirst, alsoLater: boolean): FollowUpPoint[] {
  if (first === 'off') return [];
  return alsoLater ? [first, 'day3', 'day7'] : [first];
}

/** How a follow-up is feeling, from the three one-tap answers. */
export const FOLLOW_UP_MOODS = ['okay', 'low', 'care'] as const;
export const FollowUpMood = z.enum(FOLLOW_UP_MOODS);
export type FollowUpMood = z.infer<typeof FollowUpMood>;
