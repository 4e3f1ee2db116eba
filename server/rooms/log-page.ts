import { LIMITS } from '../../shared/limits.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';
import type { RoomStore } from '../store/room-store.ts';

/**
 * One page of the log after `afterSeq`. One envelope more than a page is read, only to learn
 * whether the page is the last (`complete`) without a second query.
 */
export async function readLogPage(
  store: RoomStore,
  roomId: string,
  afterSeq: number,
): Promise<{ envelopes: StoredEnvelope[]; complete: boolean }> {
  const page = await store.readAfter(roomId, afterSeq, LIMITS.replayPageSize + 1);
  return {
    envelopes: page.slice(0, LIMITS.replayPageSize),
    complete: page.length <= LIMITS.replayPageSize,
  };
}
