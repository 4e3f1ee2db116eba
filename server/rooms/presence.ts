import type { Presence } from '../../shared/protocol.ts';
import type { PresenceTurns } from '../scale/presence-turns.ts';
import { memoryTurns } from '../scale/presence-turns.ts';
import type { TandemServer } from '../socket/types.ts';
import type { RoomRef, RoomStore } from '../store/room-store.ts';
import { channelOf } from './channel.ts';

/**
 * Which seats of the incarnation are taken, which have a live connection, and which can be
 * reached by push (a subscription in the store). Liveness comes from
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
  const current = record?.incarnation === room.incarnation ? record : null;
  const seat = (index: 0 | 1) => ({
    taken: (current?.seats[index] ?? null) !== null,
    online: sockets.some((socket) => socket.data.member?.seat === index),
    push: current?.push[index] ?? false,
  });
  return { seats: [seat(0), seat(1)] };
}

/** Each server's presence announcements still to be computed and sent, per room channel. */
const queues = new WeakMap<TandemServer, Map<string, Promise<unknown>>>();
/** Where each server's presence turns come from (see Presence.turn); in memory unless set. */
const turnSources = new WeakMap<TandemServer, PresenceTurns>();

/**
 * Makes `io` take its presence turns from `turns`: several processes on one Redis share one rising
 * sequence per room (scale/presence-turns.ts). Set once, when the server is made.
 */
export function usePresenceTurns(io: TandemServer, turns: PresenceTurns): void {
  turnSources.set(io, turns);
}

function turnsOf(io: TandemServer): PresenceTurns {
  let turns = turnSources.get(io);
  if (turns === undefined) {
    turns = memoryTurns();
    turnSources.set(io, turns);
  }
  return turns;
}

/**
 * Computes the room's presence and hands it to `send`, in turn: announcements of one room run one
 * after another, each computed only once the one before was sent. Two phones joining at the same
 * instant would otherwise each compute presence concurrently, and the one computed first (before
 * the other phone was in the channel) could be sent last, leaving a phone showing its partner
 * offline while both are here.
 *
 * Across processes that queue does not reach, so the turn is taken BEFORE the presence is
 * computed. Every announcement is caused by something that already happened (a join, a
 * disconnect, a process gone); whichever announcement takes the higher turn starts computing
 * after the other took its turn, hence after the other's cause, and sees it. So the highest turn
 * a phone holds reflects every cause behind the lower ones, and a phone keeping the highest turn
 * keeps the newest state, whichever process computed it and in whatever order they arrive.
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
    .then(async () => {
      const turn = await turnsOf(io).next(room);
      const presence = { ...(await presenceOf(io, store, room)), turn };
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

/**
 * Announces presence again in every room this process has a connection in. Called when another
 * process has gone without a word (SIGKILL, a lost machine): its phones' connections vanished
 * with it and no disconnect was ever handled for them, so their partners here must be told. Each
 * surviving process with a phone of the room announces; the turns keep the newest.
 */
export async function announceLocalRooms(
  io: TandemServer,
  store: RoomStore,
): Promise<{ readonly rooms: number; readonly failed: number }> {
  const rooms = new Map<string, RoomRef>();
  for (const socket of io.of('/').sockets.values()) {
    const member = socket.data.member;
    if (member !== null) rooms.set(channelOf(member.room), member.room);
  }
  const outcomes = await Promise.allSettled(
    [...rooms.values()].map((room) => broadcastPresence(io, store, room)),
  );
  const failed = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  return { rooms: rooms.size, failed };
}
