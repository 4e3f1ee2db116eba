import { verifyJoinProof } from '../../shared/crypto/join-proof.ts';
import { ErrorCode } from '../../shared/errors.ts';
import type { ReplyOf, RequestOf } from '../../shared/protocol.ts';
import type { RoomCaps } from '../limits/room-caps.ts';
import { renewNonce, takeNonce } from '../socket/nonce.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import { roomTag } from '../room-tag.ts';
import { refOf } from '../store/lifetime.ts';
import type { ClaimOutcome, JoinAccess, SeatHolder } from '../store/room-store.ts';
import { channelOf } from './channel.ts';
import type { RoomContext } from './context.ts';
import { answerRoomGone, endRoom } from './end-room.ts';
import { readLogPage } from './log-page.ts';
import { hashMemberSecret } from './member-secret.ts';
import { leaveRoom } from './membership.ts';
import { presenceInTurn } from './presence.ts';

/**
 * Take or return to a seat, then replay what the device has not seen yet. The join must answer
 * this connection's nonce with a proof that it holds the room secret (join-proof.ts); a join
 * without a valid one is answered `unauthorized` and changes nothing. The proof itself is never
 * logged. A join that would make a room is held to the caps on rooms first (per address per
 * minute, per process): refused, it is answered before anything is claimed.
 */
export const handleJoin =
  (context: RoomContext, caps: RoomCaps): RequestHandler<'room:join'> =>
  async (request) => {
    if (context.socket.data.member !== null) return failure(ErrorCode.alreadyJoined);
    try {
      const reply = await joinWithProof(context, caps, request);
      if (!reply.ok) renewNonce(context.socket);
      return reply;
    } catch (error) {
      renewNonce(context.socket);
      throw error;
    }
  };

async function joinWithProof(
  context: RoomContext,
  caps: RoomCaps,
  request: RequestOf<'room:join'>,
): Promise<ReplyOf<'room:join'>> {
  const room = roomTag(request.roomId);
  const nonce = takeNonce(context.socket);
  if (nonce === null) {
    context.log.warn('seat refused', { room, reason: 'unauthorized', check: 'nonce_used' });
    return failure(ErrorCode.unauthorized);
  }
  const ticket = request.create
    ? await caps.beforeCreate(context.socket.data.address, request.roomId)
    : null;
  if (ticket?.status === 'refused') {
    context.log.info('room not made', { reason: ticket.code });
    return failure(ticket.code);
  }
  let made = false;
  let outcome: ClaimOutcome;
  try {
    const access = await checkProof(context, request, nonce);
    outcome = await claimLiveSeat(context, request, access);
    made = outcome.status === 'created';
  } finally {
    // A join that made no room (it found one, was refused, or the store failed) gives its quota
    // back.
    ticket?.settle(made);
  }
  switch (outcome.status) {
    case 'room_not_found':
    case 'ended':
      return failure(ErrorCode.roomNotFound);
    case 'room_full':
      context.log.info('seat refused', { room, reason: 'room_full' });
      return failure(ErrorCode.roomFull);
    case 'unauthorized':
      context.log.warn('seat refused', { room, reason: 'unauthorized', check: outcome.reason });
      return failure(ErrorCode.unauthorized);
    case 'created':
    case 'claimed':
    case 'returned':
      break;
  }
  const member = { room: refOf(outcome.room), seat: outcome.seat, memberId: request.memberId };
  const reply = await enterRoom(context, member, request.afterSeq, outcome.room.lastSeq);
  if (reply.ok)
    context.log.info('seat taken', { room, outcome: outcome.status, seat: outcome.seat });
  return reply;
}

/**
 * Checks the join's proof against the verifier of the room under the id, or, for a room not made
 * yet (or made before join proofs), against the verifier the join brings with `create`. The store
 * then accepts the claim only if the room holds that same verifier at the claim's own step, so a
 * room deleted and made again in between is judged by its own verifier.
 */
async function checkProof(
  context: RoomContext,
  request: RequestOf<'room:join'>,
  nonce: string,
): Promise<JoinAccess> {
  const newVerifier = request.create ? request.joinVerifier : null;
  const room = await context.store.getRoom(request.roomId);
  const candidate = room?.joinVerifier ?? newVerifier;
  const input = { nonce, roomId: request.roomId, memberId: request.memberId };
  const valid = candidate !== null && (await verifyJoinProof(candidate, input, request.proof));
  return { provenVerifier: valid ? candidate : null, newVerifier };
}

/**
 * Claims a seat. A room the store finds over is ended first (its phones told), then the claim is
 * made again: a join never revives an ended room, and a create makes a new incarnation. `ended`
 * twice in a row would take a lifetime of zero; it is answered as a room not found.
 */
async function claimLiveSeat(
  context: RoomContext,
  request: RequestOf<'room:join'>,
  access: JoinAccess,
): Promise<ClaimOutcome> {
  const claim = () =>
    context.store.claimSeat({
      roomId: request.roomId,
      credential: {
        memberId: request.memberId,
        secretHash: hashMemberSecret(request.memberSecret),
      },
      createIfMissing: request.create,
      access,
      knownIncarnation: request.incarnation,
      at: context.moment(),
    });
  const first = await claim();
  if (first.status !== 'ended') return first;
  await endRoom(context, first.room, first.reason);
  return claim();
}

/** Pins the connection to its seat, joins the room's pushes and answers with the replay. */
async function enterRoom(
  context: RoomContext,
  member: SeatHolder,
  afterSeq: number,
  lastSeq: number,
): Promise<ReplyOf<'room:join'>> {
  const { io, socket, store } = context;
  const channel = channelOf(member.room);
  socket.data.member = member;
  try {
    // Join the broadcast group before reading the log, so nothing appended in between is missed;
    // the phone drops what it receives twice by sequence number. A room ended in between is
    // found by the read.
    await socket.join(channel);
    const page = await readLogPage(context, member.room, afterSeq);
    if (page.status !== 'ok') return await answerRoomGone(context, page);
    const presence = await presenceInTurn(io, store, member.room, (current) => {
      socket.to(channel).emit('presence', current);
    });
    const pushKey = context.push === null ? null : await context.push.publicKey();
    return {
      ok: true,
      seat: member.seat,
      incarnation: member.room.incarnation,
      lastSeq,
      presence,
      envelopes: page.envelopes,
      complete: page.complete,
      pushKey,
    };
  } catch (error) {
    // A failed join leaves the connection as it was, so the phone's retry is a clean one.
    await leaveRoom(socket);
    throw error;
  }
}
