import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { answerRoomGone } from './end-room.ts';
import { readLogPage } from './log-page.ts';
import { isErrorReply, seatHolderOf } from './membership.ts';

/** The next page of the log after a sequence number: how a phone closes any gap it notices. */
export const handleSync =
  (context: RoomContext): RequestHandler<'room:sync'> =>
  async ({ afterSeq }) => {
    const member = seatHolderOf(context.socket);
    if (isErrorReply(member)) return member;
    const page = await readLogPage(context, member.room, afterSeq);
    if (page.status !== 'ok') return answerRoomGone(context, page);
    return { ok: true, envelopes: page.envelopes, complete: page.complete };
  };
