import { ErrorCode } from '../../shared/errors.ts';
import { roomTag } from '../room-tag.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import { channelOf } from './channel.ts';
import type { RoomContext } from './context.ts';
import { answerRoomGone } from './end-room.ts';
import { isErrorReply, seatHolderOf } from './membership.ts';

/**
 * Append a sealed envelope to the room's log and fan it out to both phones (the sender's own copy
 * is how its log learns the sequence number). A retry of a stored event id is acknowledged with
 * the original sequence number and not relayed again. The store checks, in the same step as the
 * append, that this connection's room incarnation and seat still stand.
 */
export const handleSend =
  (context: RoomContext): RequestHandler<'envelope:send'> =>
  async (envelope) => {
    const member = seatHolderOf(context.socket);
    if (isErrorReply(member)) return member;
    const outcome = await context.store.append({ by: member, envelope, at: context.moment() });
    switch (outcome.status) {
      case 'appended':
        context.io.to(channelOf(member.room)).emit('envelope', outcome.envelope);
        // Only a new urgent envelope: a retry (duplicate) was pushed, if at all, the first time.
        if (outcome.envelope.notify) context.push?.urgentEnvelope(member.room, outcome.envelope);
        // Sizes and times stay out: the sequence number is all a reader needs to follow a room.
        context.log.debug('envelope stored', {
          room: roomTag(member.room.roomId),
          seq: outcome.envelope.seq,
        });
        return { ok: true, seq: outcome.envelope.seq, duplicate: false };
      case 'duplicate':
        return { ok: true, seq: outcome.envelope.seq, duplicate: true };
      case 'conflict':
        return failure(ErrorCode.eventIdConflict);
      case 'room_not_found':
      case 'ended':
        return answerRoomGone(context, outcome);
    }
  };
