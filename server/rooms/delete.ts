import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { isErrorReply, seatedMember } from './room-access.ts';

/**
 * Delete the room for both partners: its seats and its whole log leave the store, and every
 * connected phone is told, then disconnected, so no connection outlives the room it joined. A
 * phone that was offline learns it when its next join finds no room.
 */
export const handleDelete =
  (context: RoomContext): RequestHandler<'room:delete'> =>
  async () => {
    const { io, socket, store, log } = context;
    const member = await seatedMember(context);
    if (isErrorReply(member)) return member;
    await store.deleteRoom(member.roomId);
    io.to(member.roomId).emit('room:deleted', { reason: 'deleted' });
    // The notice goes first on each connection, then the disconnect; the deleting connection
    // stays open for its acknowledgement.
    io.in(member.roomId).except(socket.id).disconnectSockets();
    socket.data.member = null;
    await socket.leave(member.roomId);
    log.info('room deleted');
    return { ok: true };
  };
