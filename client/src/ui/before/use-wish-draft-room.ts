import { useEffect, useState } from 'react';
import { deriveRoomKeys } from '../../../../shared/crypto/codec.ts';
import type { RoomView } from '../../room/room-client.ts';
import { browserStorage } from '../../room/storage.ts';
import { forgetWishDraft } from './wish-draft.ts';

/**
 * The room id this room's unshared wishes draft is kept under (see wish-draft.ts), once derived
 * from the secret (null until then). When the room is over for this phone, the draft goes with
 * everything else of it; a room that merely failed to open keeps it for the next attempt.
 */
export function useWishDraftRoom(secret: string, view: RoomView): string | null {
  const [derived, setDerived] = useState<{ secret: string; roomId: string } | null>(null);
  useEffect(() => {
    let current = true;
    deriveRoomKeys(secret)
      .then(({ roomId }) => {
        if (current) setDerived({ secret, roomId });
      })
      // Without Web Crypto the room cannot open either; the draft just is not kept.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [secret]);
  const roomId = derived?.secret === secret ? derived.roomId : null;

  const over = view.status.kind === 'closed' && view.status.reason !== 'failed';
  useEffect(() => {
    if (over && roomId !== null) forgetWishDraft(browserStorage(), roomId);
  }, [over, roomId]);

  return roomId;
}
