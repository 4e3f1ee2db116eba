import { useStore } from '@nanostores/react';
import type { RoomClient, RoomView } from '../room/room-client.ts';
import { text } from './text.ts';

/**
 * A signal or check-in answer the server refused for good never reached the partner. That is said
 * plainly, and stays said until the person dismisses it: they may have looked away when it happened.
 */
export function RefusedNotice({
  client,
  view,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
}) {
  const t = useStore(text);
  if (view.refused === null) return null;
  return (
    // Not role="alert": that is the partner's signal arriving, and must stay unmistakable.
    <div className="refused" role="status" aria-live="assertive">
      <span>{t.notSent}</span>
      <button type="button" className="button" onClick={() => client.dismissRefused()}>
        {t.dismiss}
      </button>
    </div>
  );
}
