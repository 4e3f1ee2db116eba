import { ErrorCode } from '../../shared/errors.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { isErrorReply, seatedMember } from './room-access.ts';

/**
 * Append a sealed envelope to the room's log and fan it out to both phones (the sender's own copy
 * is how its log learns the sequence number). A retry of a stored event id is acknowledged with
 * the original sequence number and not relayed again.
 */
export const handleSend =
  (context: RoomContext): RequestHandler<'envelope:send'> =>
  async (envelope) => {
    const { io, store, now } = context;
    const member = await seatedMember(context);
    if (isErrorReply(member)) return member;
    const outcome = await store.append(member.roomId, member.seat, envelope, now());
    switch (outcome.status) {
      case 'appended':
        io.to(member.roomId).emit('envelope', outcome.envelope);
        return { ok: true, seq: outcome.envelope.seq, duplicate: false };
      case 'duplicate':
        return { ok: true, seq: outcome.envelope.seq, duplicate: true };
      case 'conflict':
        return failure(ErrorCode.eventIdConflict);
      case 'room_not_found':
        return failure(ErrorCode.roomNotFound);
    }
  };
