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

/** Each server's presence announcements still to be computed and sent, per room channel. */
const queues = new WeakMap<TandemServer, Map<string, Promise<unknown>>>();
/** Each server's last presence turn (see Presence.turn). */
const turns = new WeakMap<TandemServer, number>();

function nextTurn(io: TandemServer): number {
  const turn = (turns.get(io) ?? 0) + 1;
  turns.set(io, turn);
  return turn;
}

/**
 * Computes the room's presence and hands it to `send`, in turn: announcements of one room run one
 * after another, each computed only once the one before was sent. Two phones joining at the same
 * instant would otherwise each compute presence concurrently, and the one computed first (before
 * the other phone was in the channel) could be sent last, leaving a phone showing its partner
 * offline while both are here.
 */
export function presenceInTurn(
  io: TandemServer,
  store: RoomStore,
  room: RoomRef,
  send: (presence: Presence) => void,
): Promise<Presence> {
  const channel = channelOf(room);
  let rooms = queues.get(io);
  if (rooms === undefined) {
    rooms = new Map();
    queues.set(io, rooms);
  }
  const queue = rooms;
  const previous = queue.get(channel) ?? Promise.resolve();
  const sent = previous
    .catch(() => undefined)
    .then(() => presenceOf(io, store, room))
    .then((seen) => {
      const presence = { ...seen, turn: nextTurn(io) };
      send(presence);
      return presence;
    });
  queue.set(channel, sent);
  const forget = () => {
    if (queue.get(channel) === sent) queue.delete(channel);
  };
  sent.then(forget, forget);
  return sent;
}

/** Tells every phone in the room who is here (in turn: see presenceInTurn). */
export async function broadcastPresence(
  io: TandemServer,
  store: RoomStore,
  room: RoomRef,
): Promise<void> {
  await presenceInTurn(io, store, room, (presence) => {
    io.to(channelOf(room)).emit('presence', presence);
  });
}
