import { ErrorCode } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import { failure } from '../socket/replies.ts';
import type { RequestHandler } from '../socket/requests.ts';
import type { RoomContext } from './context.ts';
import { memberRoom } from './expiry.ts';

/** The next page of the log after a sequence number: how a phone closes any gap it notices. */
export const handleSync =
  (context: RoomContext): RequestHandler<'room:sync'> =>
  async ({ afterSeq }) => {
    const { socket, store } = context;
    const member = socket.data.member;
    if (member === null) return failure(ErrorCode.notJoined);
    if ((await memberRoom(context)) === null) return failure(ErrorCode.roomNotFound);
    const page = await store.readAfter(member.roomId, afterSeq, LIMITS.replayPageSize + 1);
    return {
      ok: true,
      envelopes: page.slice(0, LIMITS.replayPageSize),
      complete: page.length <= LIMITS.replayPageSize,
    };
  };
