import { ErrorCode } from '../../shared/errors.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { endRoom } from './end-room.ts';
import { isErrorReply, seatHolderOf } from './membership.ts';

/**
 * Delete the room for both partners, through the one end path: every connected phone is told,
 * then disconnected; the deleting connection stays open for its acknowledgement. A phone that
 * was offline learns it when its next join finds no room. Only the incarnation this connection
 * joined can be deleted by it.
 */
export const handleDelete =
  (context: RoomContext): RequestHandler<'room:delete'> =>
  async () => {
    const member = seatHolderOf(context.socket);
    if (isErrorReply(member)) return member;
    const removed = await endRoom(context, member.room, 'deleted', context.socket);
    return removed ? { ok: true } : failure(ErrorCode.roomNotFound);
  };
