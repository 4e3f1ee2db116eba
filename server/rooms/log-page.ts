import { LIMITS } from '../../shared/limits.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';
import type { Ended, RoomNotFound, RoomRef } from '../store/room-store.ts';
import type { RoomServices } from './context.ts';

export interface LogPage {
  readonly status: 'ok';
  readonly envelopes: StoredEnvelope[];
  /** False when more envelopes follow than one page holds. */
  readonly complete: boolean;
}

/**
 * One page of the incarnation's log after `afterSeq`. One envelope more than a page is read, only
 * to learn whether the page is the last (`complete`) without a second query.
 */
export async function readLogPage(
  { store, moment }: RoomServices,
  room: RoomRef,
  afterSeq: number,
): Promise<LogPage | RoomNotFound | Ended> {
  const outcome = await store.readAfter({
    room,
    afterSeq,
    limit: LIMITS.replayPageSize + 1,
    at: moment(),
  });
  if (outcome.status !== 'ok') return outcome;
  return {
    status: 'ok',
    envelopes: outcome.envelopes.slice(0, LIMITS.replayPageSize),
    complete: outcome.envelopes.length <= LIMITS.replayPageSize,
  };
}
