import { useEffect, useRef } from 'react';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import type { RoundTimerMemory } from './round-timer.ts';
import { roundTimerOpened, roundTimerStep } from './round-timer.ts';
import { roundToSchedule } from './rounds-view.ts';
import { useVisibleAgain } from './use-visible-again.ts';

/**
 * While a session runs with regular check-ins on, waits for the next round with one timer and,
 * when it is due, writes it into the log. Both phones do this; whichever is first counts and the
 * reducer drops the other's word, so both prompt the same round even if one phone is asleep. A
 * round this phone already queued is not written again. Plain setTimeout against Date.now(), so
 * a test's fake clock drives it; when it fires is decided in round-timer.ts.
 */
export function useRoundScheduler(client: RoomClient, view: RoomView): void {
  const ready = view.status.kind === 'open' && view.seat !== null;
  const next = ready ? roundToSchedule(view) : null;
  const round = next?.round ?? null;
  const dueAt = next?.dueAt ?? null;
  const everyMinutes = view.room.regularCheckIns.everyMinutes;
  const looks = useVisibleAgain();
  const memory = useRef<RoundTimerMemory | null>(null);

  useEffect(() => {
    if (!ready) return undefined;
    const schedule = round === null || dueAt === null ? null : { round, dueAt };
    // What the room shows the first time it shows, "nothing scheduled" included: a session
    // started after that was watched arriving here, so its round 1 gets the full wait.
    memory.current ??= roundTimerOpened(schedule);
    const step = roundTimerStep(memory.current, schedule, Date.now(), everyMinutes);
    memory.current = step.memory;
    const { firesAt } = step;
    if (schedule === null || firesAt === null) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const left = firesAt - Date.now();
      // A timer can fire early (the clock was set back): wait out the rest.
      if (left <= 0) client.markRoundDue(schedule.round);
      else timer = setTimeout(check, left);
    };
    timer = setTimeout(check, Math.max(0, firesAt - Date.now()));
    return () => {
      clearTimeout(timer);
    };
  }, [client, ready, round, dueAt, everyMinutes, looks]);
}
