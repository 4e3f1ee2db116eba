import { ErrorCode } from '../../shared/errors.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { hashMemberSecret } from './member-secret.ts';
import { readLogPage } from './log-page.ts';
import { liveRoom } from './room-access.ts';
import { presenceOf } from './presence.ts';

/** Take or return to a seat, then replay what the device has not seen yet. */
export const handleJoin =
  (context: RoomContext): RequestHandler<'room:join'> =>
  async (request) => {
    const { io, socket, store, log } = context;
    if (socket.data.member !== null) return failure(ErrorCode.alreadyJoined);
    // Called for its effect: a room past its idle time is deleted first, so no claim revives it.
    await liveRoom(context, request.roomId);
    const now = context.now();

    const outcome = await store.claimSeat({
      roomId: request.roomId,
      credential: {
        memberId: request.memberId,
        secretHash: hashMemberSecret(request.memberSecret),
      },
      createIfMissing: request.create,
      now,
    });
    switch (outcome.status) {
      case 'room_not_found':
        return failure(ErrorCode.roomNotFound);
      case 'room_full':
        log.info('seat refused', { reason: 'room_full' });
        return failure(ErrorCode.roomFull);
      case 'unauthorized':
        log.warn('seat refused', { reason: 'unauthorized' });
        return failure(ErrorCode.unauthorized);
      case 'created':
      case 'claimed':
      case 'returned':
        break;
    }

    socket.data.member = {
      roomId: request.roomId,
      seat: outcome.seat,
      memberId: request.memberId,
      roomCreatedAt: outcome.room.createdAt,
    };
    let page: Awaited<ReturnType<typeof readLogPage>>;
    let presence: Awaited<ReturnType<typeof presenceOf>>;
    try {
      // Join the broadcast group before reading the log, so nothing appended in between is
      // missed; the phone drops what it receives twice by sequence number.
      await socket.join(request.roomId);
      page = await readLogPage(store, request.roomId, request.afterSeq);
      presence = await presenceOf(io, store, request.roomId);
    } catch (error) {
      // A failed join leaves the connection as it was, so the phone's retry is a clean one.
      socket.data.member = null;
      await socket.leave(request.roomId);
      throw error;
    }
    socket.to(request.roomId).emit('presence', presence);
    log.info('seat taken', { outcome: outcome.status, seat: outcome.seat });
    return {
      ok: true,
      seat: outcome.seat,
      incarnation: String(outcome.room.createdAt),
      presence,
      ...page,
    };
  };
