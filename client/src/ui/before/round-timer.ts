/**
 * The pure part of the round scheduler (use-round-scheduler.ts): from the schedule a screen shows
 * render after render, when this phone writes the next round. What it remembers between renders
 * is a plain value, so a test can replay a screen's life without React or a DOM.
 */

/** The round this phone waits to write, and when the log's clock says it is due. */
export interface RoundSchedule {
  readonly round: number;
  readonly dueAt: number;
}

/** What one screen's round timer remembers from render to render. */
export interface RoundTimerMemory {
  /**
   * The schedule the room showed when the screen opened, or null when nothing was scheduled
   * then. Only that one may predate this screen (a reload, a phone that slept): every other
   * schedule this screen watched arrive.
   */
  readonly openedOn: string | null;
  /** The schedule waited on now, and this phone's clock when it first showed. */
  readonly seen: { readonly key: string; readonly at: number } | null;
}

const keyOf = (schedule: RoundSchedule): string => `${schedule.round}@${schedule.dueAt}`;

/** The memory of a screen whose room first shows `schedule` (null: nothing scheduled). */
export const roundTimerOpened = (schedule: RoundSchedule | null): RoundTimerMemory => ({
  openedOn: schedule === null ? null : keyOf(schedule),
  seen: null,
});

/**
 * Takes in the schedule the screen shows now (`now` on this phone's clock): the memory to keep,
 * and when to write the round (null: no round to write).
 */
export function roundTimerStep(
  memory: RoundTimerMemory,
  schedule: RoundSchedule | null,
  now: number,
  everyMinutes: number,
): { readonly memory: RoundTimerMemory; readonly firesAt: number | null } {
  if (schedule === null) return { memory, firesAt: null };
  const key = keyOf(schedule);
  const seen = memory.seen?.key === key ? memory.seen : { key, at: now };
  const seenLiveAt = key === memory.openedOn ? null : seen.at;
  return {
    memory: { ...memory, seen },
    firesAt: roundFiresAt(schedule.dueAt, seenLiveAt, everyMinutes),
  };
}

/**
 * When this phone's timer writes the next round. The log's clock decides (`dueAt`), so both
 * phones agree; but once this phone has watched the schedule move on (`seenLiveAt`, its own
 * clock when it saw the last round, the start or the change), never sooner than a whole interval
 * after that. A phone whose clock runs ahead of the server's by more than the interval would
 * otherwise write round after round at once. The schedule the log already held when the screen
 * opened has no such floor (null), so a round missed while the phone slept comes at once.
 */
export function roundFiresAt(
  dueAt: number,
  seenLiveAt: number | null,
  everyMinutes: number,
): number {
  return seenLiveAt === null ? dueAt : Math.max(dueAt, seenLiveAt + everyMinutes * MINUTE_MS);
}

/** Kept here: shared/ has no minute constant for the client, and one line is not worth one. */
const MINUTE_MS = 60_000;
