import { ErrorCode } from '../../shared/errors.ts';
import type { ErrorReply } from '../../shared/protocol.ts';
import { failure } from '../socket/replies.ts';
import type { TandemSocket } from '../socket/types.ts';
import type { SeatHolder } from '../store/room-store.ts';
import { channelOf } from './channel.ts';

/**
 * The seat this connection took when it joined, or `not_joined`. Whether that seat and its room
 * incarnation still exist is for the store to say, in the same step as the request's own work.
 */
export function seatHolderOf(socket: TandemSocket): SeatHolder | ErrorReply {
  return socket.data.member ?? failure(ErrorCode.notJoined);
}

export const isErrorReply = (value: SeatHolder | ErrorReply): value is ErrorReply =>
  'error' in value;

/** The connection gives up its seat and its room's pushes; it stays connected. */
export async function leaveRoom(socket: TandemSocket): Promise<void> {
  const member = socket.data.member;
  socket.data.member = null;
  if (member !== null) await socket.leave(channelOf(member.room));
}
