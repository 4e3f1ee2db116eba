import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { readLogPage } from './log-page.ts';
import { isErrorReply, seatedMember } from './room-access.ts';

/** The next page of the log after a sequence number: how a phone closes any gap it notices. */
export const handleSync =
  (context: RoomContext): RequestHandler<'room:sync'> =>
  async ({ afterSeq }) => {
    const member = await seatedMember(context);
    if (isErrorReply(member)) return member;
    return { ok: true, ...(await readLogPage(context.store, member.roomId, afterSeq)) };
  };
