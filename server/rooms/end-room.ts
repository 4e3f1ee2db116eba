import { ErrorCode } from '../../shared/errors.ts';
import type { ErrorReply, RoomEndReason } from '../../shared/protocol.ts';
import { failure } from '../socket/replies.ts';
import type { TandemSocket } from '../socket/types.ts';
import type { Ended, RoomNotFound, RoomRef } from '../store/room-store.ts';
import { roomTag } from '../room-tag.ts';
import { channelOf } from './channel.ts';
import type { RoomContext, RoomServices } from './context.ts';
import { renewNonce } from '../socket/nonce.ts';
import { leaveRoom } from './membership.ts';

/**
 * The one way a room ends, whoever notices it: a partner deletes it, the sweep finds it idle or
 * past its maximum age, or a request finds it so. That incarnation, its seats and its log leave
 * the store; every phone connected to it is told why, then let go, so no connection outlives the
 * room it joined. `requester`, the connection whose request ended it, keeps its connection for
 * its reply but loses its seat. Only the caller that actually removed the room tells the phones,
 * so two endings racing send one notice. Resolves with whether this call removed it.
 */
export async function endRoom(
  services: RoomServices,
  room: RoomRef,
  reason: RoomEndReason,
  requester?: TandemSocket,
): Promise<boolean> {
  const removed = await services.store.deleteRoom(room);
  if (removed) {
    const channel = channelOf(room);
    // The notice goes first on each connection, then the disconnect.
    services.io.to(channel).emit('room:deleted', { reason });
    const connected = services.io.in(channel);
    (requester === undefined ? connected : connected.except(requester.id)).disconnectSockets();
    services.log.info('room ended', { room: roomTag(room.roomId), reason });
  }
  if (requester !== undefined) {
    await leaveRoom(requester);
    // The requester stays connected, seatless: a fresh nonce lets it join again (socket/nonce.ts).
    renewNonce(requester);
  }
  return removed;
}

/**
 * The answer to a request whose room is gone for this connection: it loses its seat, and a room
 * the store found over is ended first, so the partner's phone is told too.
 */
export async function answerRoomGone(
  context: RoomContext,
  outcome: RoomNotFound | Ended,
): Promise<ErrorReply> {
  if (outcome.status === 'ended') {
    await endRoom(context, outcome.room, outcome.reason, context.socket);
  } else {
    await leaveRoom(context.socket);
    renewNonce(context.socket);
  }
  return failure(ErrorCode.roomNotFound);
}
