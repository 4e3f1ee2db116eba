import type { RoomRecord } from '../store/room-store.ts';
import type { RoomContext } from './context.ts';

/**
 * The room this request may use, or null. A room that has outlived its idle time is deleted on
 * first touch, so nothing uses it between its expiry and the next periodic sweep.
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

/** For requests from a connection that holds a seat: its room, or null once that room is gone. */
export async function memberRoom(context: RoomContext): Promise<RoomRecord | null> {
  const member = context.socket.data.member;
  if (member === null) return null;
  const found = await liveRoom(context, member.roomId, member.roomCreatedAt);
  const room = found?.seats[member.seat]?.memberId === member.memberId ? found : null;
  if (room === null) {
    context.socket.data.member = null;
    await context.socket.leave(member.roomId);
  }
  return room;
}
