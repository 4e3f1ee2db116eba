import type { RoomRef } from '../store/room-store.ts';

/**
 * The socket.io room (broadcast group) of one room incarnation. Keyed by the incarnation too, so
 * pushes of a room made again under the same id never reach a connection of the old one.
 */
export const channelOf = (room: RoomRef): string => `${room.roomId}/${room.incarnation}`;
