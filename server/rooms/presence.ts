import type { Presence } from '../../shared/protocol.ts';
import type { TandemServer } from '../socket/types.ts';
import type { RoomStore } from '../store/room-store.ts';

/**
 * Which seats are taken and which have a live connection. Liveness comes from the socket.io room
 * (fetchSockets works across processes once an adapter spans them), so a phone counts as online
 * while any of its connections is.
 */
export async function presenceOf(
  io: TandemServer,
  store: RoomStore,
  roomId: string,
): Promise<Presence> {
  const [room, sockets] = await Promise.all([store.getRoom(roomId), io.in(roomId).fetchSockets()]);
  const online = (seat: 0 | 1) =>
    sockets.some(
      (socket) => socket.data.member?.roomId === roomId && socket.data.member.seat === seat,
    );
  return {
    seats: [
      { taken: room?.seats[0] != null, online: online(0) },
      { taken: room?.seats[1] != null, online: online(1) },
    ],
  };
}

export async function broadcastPresence(
  io: TandemServer,
  store: RoomStore,
  roomId: string,
): Promise<void> {
  io.to(roomId).emit('presence', await presenceOf(io, store, roomId));
}
