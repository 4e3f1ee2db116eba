import { ErrorCode } from '../../shared/errors.ts';
import type { ErrorReply } from '../../shared/protocol.ts';
import { failure } from '../socket/replies.ts';
import type { SocketData } from '../socket/types.ts';
import type { RoomRecord } from '../store/room-store.ts';
import type { RoomContext } from './context.ts';

/**
 * The room a request may use, or null. A room that has outlived its idle time is deleted on first
 * touch, so nothing uses it between its expiry and the next periodic sweep.
 *
 * When `createdAt` is given (a connection that joined earlier), the room must be the same
 * incarnation it joined: a connection left over from a deleted or expired room must never write
 * into a new room that happens to have the same id.
 */
export async function liveRoom(
  context: RoomContext,
  roomId: string,
  createdAt?: number,
): Promise<RoomRecord | null> {
  const room = await context.store.getRoom(roomId);
  if (room === null) return null;
  if (room.lastActiveAt < context.now() - context.roomTtlMs) {
    await context.store.deleteRoom(roomId);
    context.log.info('room expired');
    return null;
  }
  if (createdAt !== undefined && room.createdAt !== createdAt) return null;
  return room;
}

export type Member = NonNullable<SocketData['member']>;

/**
 * For requests that need a seat: the seat this connection holds in a room that still exists, or
 * the error to answer with. A connection whose room is gone (or is a new room under the same id,
 * or no longer has this member in the seat) loses its seat here.
 */
export async function seatedMember(context: RoomContext): Promise<Member | ErrorReply> {
  const member = context.socket.data.member;
  if (member === null) return failure(ErrorCode.notJoined);
  const room = await liveRoom(context, member.roomId, member.roomCreatedAt);
  if (room?.seats[member.seat]?.memberId === member.memberId) return member;
  context.socket.data.member = null;
  await context.socket.leave(member.roomId);
  return failure(ErrorCode.roomNotFound);
}

export const isErrorReply = (value: Member | ErrorReply): value is ErrorReply => 'error' in value;
