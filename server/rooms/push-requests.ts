import { ErrorCode } from '../../shared/errors.ts';
import { roomTag } from '../room-tag.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import type { PushWriteOutcome } from '../store/push-store.ts';
import type { SeatHolder } from '../store/room-store.ts';
import type { RoomContext } from './context.ts';
import { answerRoomGone } from './end-room.ts';
import { isErrorReply, seatHolderOf } from './membership.ts';
import { broadcastPresence } from './presence.ts';

/**
 * `push:subscribe`: keep the caller's push subscription with its seat, or forget it. A
 * subscription is refused (`push_refused`, nothing kept) when this server sends no pushes or its
 * endpoint is not on an allowed push service (endpoint-guard.ts). Forgetting is always allowed.
 * The room is told, since presence shows which phones push can reach.
 */
export const handlePushSubscribe =
  (context: RoomContext): RequestHandler<'push:subscribe'> =>
  async ({ subscription }) => {
    const member = seatHolderOf(context.socket);
    if (isErrorReply(member)) return member;
    if (subscription !== null && !(context.push?.accepts(subscription.endpoint) ?? false)) {
      return failure(ErrorCode.pushRefused);
    }
    const outcome = await context.store.setPushSubscription({
      by: member,
      subscription,
      at: context.moment(),
    });
    return answerPushWrite(context, member, outcome, async () => {
      context.log.debug(subscription === null ? 'push unsubscribed' : 'push subscribed', {
        room: roomTag(member.room.roomId),
      });
      // Kept either way: a presence update that failed is corrected by the next one.
      await broadcastPresence(context.io, context.store, member.room).catch((error: unknown) => {
        context.log.warn('presence update failed', { error: String(error) });
      });
    });
  };

/**
 * `push:wake`: the times the caller's phone wants a wake push (follow-ups), replacing any before.
 * Kept only while its seat has a subscription (else `push_refused`: there is nowhere to send
 * them). The server learns the times, not what is due then, and logs neither.
 */
export const handlePushWake =
  (context: RoomContext): RequestHandler<'push:wake'> =>
  async ({ at }) => {
    const member = seatHolderOf(context.socket);
    if (isErrorReply(member)) return member;
    if (context.push === null) return failure(ErrorCode.pushRefused);
    const moment = context.moment();
    // A room lives at most its maximum age (now - createdBefore): a wake past that is no wake.
    const latest = moment.now + (moment.now - moment.createdBefore);
    if (at.some((time) => time > latest)) return failure(ErrorCode.invalidPayload);
    const outcome = await context.store.setWakes({ by: member, times: at, at: moment });
    return answerPushWrite(context, member, outcome, () => Promise.resolve());
  };

/** `phone:visibility`: whether this connection's page is hidden, for the push decision. */
export const handleVisibility =
  (context: RoomContext): RequestHandler<'phone:visibility'> =>
  ({ hidden }) => {
    const member = seatHolderOf(context.socket);
    if (isErrorReply(member)) return Promise.resolve(member);
    context.socket.data.hidden = hidden;
    return Promise.resolve({ ok: true });
  };

async function answerPushWrite(
  context: RoomContext,
  member: SeatHolder,
  outcome: PushWriteOutcome,
  afterSet: () => Promise<void>,
) {
  switch (outcome.status) {
    case 'set':
      await afterSet();
      return { ok: true } as const;
    case 'not_subscribed':
      context.log.debug('wakes refused: no subscription', { room: roomTag(member.room.roomId) });
      return failure(ErrorCode.pushRefused);
    case 'room_not_found':
    case 'ended':
      return answerRoomGone(context, outcome);
  }
}
