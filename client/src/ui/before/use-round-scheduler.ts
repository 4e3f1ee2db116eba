import { useEffect, useRef } from 'react';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { roundFiresAt, roundToSchedule } from './rounds-view.ts';
import { useVisibleAgain } from './use-visible-again.ts';

/**
 * While a session runs with regular check-ins on, waits for the next round with one timer and,
 * when it is due, writes it into the log. Both phones do this; whichever is first counts and the
 * reducer drops the other's word, so both prompt the same round even if one phone is asleep. A
 * round this phone already queued is not written again. Plain setTimeout against Date.now(), so
 * a test's fake clock drives it.
 */
export function useRoundScheduler(client: RoomClient, view: RoomView): void {
  const ready = view.status.kind === 'open' && view.seat !== null;
  const next = ready ? roundToSchedule(view) : null;
  const round = next?.round ?? null;
  const dueAt = next?.dueAt ?? null;
  const everyMinutes = view.room.regularCheckIns.everyMinutes;
  const looks = useVisibleAgain();
  /** The first schedule this screen saw: the log already held it, maybe for long (a reload). */
  const first = useRef<string | null>(null);
  /** When this phone saw the schedule it now waits on (see roundFiresAt). */
  const seen = useRef<{ readonly key: string; readonly at: number } | null>(null);

  useEffect(() => {
    if (round === null || dueAt === null) return undefined;
    const key = `${round}@${dueAt}`;
    first.current ??= key;
    if (seen.current?.key !== key) seen.current = { key, at: Date.now() };
    const seenLive = key === first.current ? null : seen.current.at;
    const fireAt = roundFiresAt(dueAt, seenLive, everyMinutes);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const left = fireAt - Date.now();
      // A timer can fire early (the clock was set back): wait out the rest.
      if (left <= 0) client.markRoundDue(round);
      else timer = setTimeout(check, left);
    };
    timer = setTimeout(check, Math.max(0, fireAt - Date.now()));
    return () => {
      clearTimeout(timer);
    };
  }, [client, round, dueAt, everyMinutes, looks]);
}
