import type { Moment, RoomStore } from '../../server/store/room-store.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';

/** A moment at which no room is over: for reading what a store holds, whatever its age. */
export const ANY_TIME: Moment = {
  now: 0,
  idleBefore: Number.MIN_SAFE_INTEGER,
  createdBefore: Number.MIN_SAFE_INTEGER,
};

/** The whole log of the room under `roomId` (its current incarnation), as `store` holds it. */
export async function wholeLog(store: RoomStore, roomId: string): Promise<StoredEnvelope[]> {
  const room = await store.getRoom(roomId);
  if (room === null) return [];
  const outcome = await store.readAfter({
    room,
    afterSeq: 0,
    limit: Number.MAX_SAFE_INTEGER,
    at: ANY_TIME,
  });
  return outcome.status === 'ok' ? outcome.envelopes : [];
}
