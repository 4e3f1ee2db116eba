import type { FollowUpRef } from '../../../../shared/content.ts';
import {
  sameRef,
  followUpsAwaiting,
  ownAsksOpen,
  partnerFollowUpAnswers,
  scheduledFollowUps,
} from '../../../../shared/follow-up.ts';
import type { Seat } from '../../../../shared/ids.ts';
import type { FollowUpAnswer } from '../../../../shared/room-state.ts';
import type { FollowUpFirst } from '../../../../shared/schedule.ts';
import type { RoomView } from '../../room/room-client.ts';

/** What the follow-up shows, from the log and this phone's outbox (a tap shows at once). */

export interface FollowUpSetting {
  readonly first: FollowUpFirst;
  readonly alsoLater: boolean;
}

/** The room's setting, or this person's latest change of it while still on its way. */
export function displayedFollowUp(view: RoomView): FollowUpSetting {
  const queued = view.outbox.findLast(({ event }) => event.type === 'follow_up_set');
  if (queued?.event.type === 'follow_up_set') {
    return { first: queued.event.first, alsoLater: queued.event.alsoLater };
  }
  const { first, alsoLater } = view.room.followUp;
  return { first, alsoLater };
}

/**
 * What this person is asked right now (`now` by this phone's clock): the log's prompts minus
 * those an answer of theirs, still on its way, already covers.
 */
export function followUpsWaiting(view: RoomView, seat: Seat, now: number): FollowUpRef[] {
  const answeredHere = view.outbox.flatMap(({ event }) =>
    event.type === 'follow_up_answer' ? event.covers : [],
  );
  return followUpsAwaiting(view.room, seat, now).filter(
    (ref) => !answeredHere.some((covered) => sameRef(covered, ref)),
  );
}

/** When the next follow-up comes due (by the setting shown), or null when none is ahead. */
export function nextFollowUpAt(view: RoomView, now: number): number | null {
  const room = { ...view.room, followUp: { ...view.room.followUp, ...displayedFollowUp(view) } };
  return scheduledFollowUps(room).find(({ dueAt }) => dueAt > now)?.dueAt ?? null;
}

/** This person asked "How are you?" and has no answer yet (or the question is on its way). */
export const askWaiting = (view: RoomView, seat: Seat): boolean =>
  ownAsksOpen(view.room, seat).length > 0 ||
  view.outbox.some(({ event }) => event.type === 'follow_up_asked');

/** The partner's answers, newest first, as many as the screen has room for. */
export const latestPartnerAnswers = (
  view: RoomView,
  seat: Seat,
  count: number,
): readonly FollowUpAnswer[] => partnerFollowUpAnswers(view.room, seat).slice(0, count);
