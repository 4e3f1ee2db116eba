import type { Presence } from '../../shared/protocol.ts';
import type { TandemServer } from '../socket/types.ts';
import type { RoomRef, RoomStore } from '../store/room-store.ts';
import { channelOf } from './channel.ts';

/**
 * Which seats of the incarnation are taken and which have a live connection. Liveness comes from
 * the socket.io room (fetchSockets works across processes once an adapter spans them), so a
 * phone counts as online while any of its connections is.
 */
export async function presenceOf(
  io: TandemServer,
  store: RoomStore,
  room: RoomRef,
): Promise<Presence> {
  const [record, sockets] = await Promise.all([
    store.getRoom(room.roomId),
    io.in(channelOf(room)).fetchSockets(),
  ]);
  const seats = record?.incarnation === room.incarnation ? record.seats : [null, null];
  const online = (seat: 0 | 1) => sockets.some((socket) => socket.data.member?.seat === seat);
  return {
    seats: [
      { taken: seats[0] !== null, online: online(0) },
      { taken: seats[1] !== null, online: online(1) },
    ],
  };
}

export async function broadcastPresence(
  io: TandemServer,
  store: RoomStore,
  room: RoomRef,
): Promise<void> {
  io.to(channelOf(room)).emit('presence', await presenceOf(io, store, room));
}
