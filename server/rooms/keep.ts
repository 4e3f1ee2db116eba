import { roomTag } from '../room-tag.ts';
import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { answerRoomGone } from './end-room.ts';
import { isErrorReply, seatHolderOf } from './membership.ts';

/**
 * Keep the room until a time (the phones' follow-ups), capped at its maximum age. The server
 * learns the time and nothing of why; it logs neither (a time of day could say something of the
 * people in the room). The store checks, in the same step as the write, that this connection's
 * room incarnation and seat still stand; a room found over is ended, as for any request.
 */
export const handleKeep =
  (context: RoomContext): RequestHandler<'room:keep'> =>
  async ({ until }) => {
    const member = seatHolderOf(context.socket);
    if (isErrorReply(member)) return member;
    const outcome = await context.store.keepRoom({ by: member, until, at: context.moment() });
    switch (outcome.status) {
      case 'kept':
        context.log.debug('room kept', { room: roomTag(member.room.roomId) });
        return { ok: true, keptUntil: outcome.keptUntil };
      case 'room_not_found':
      case 'ended':
        return answerRoomGone(context, outcome);
    }
  };
