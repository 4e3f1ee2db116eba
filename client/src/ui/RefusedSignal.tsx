import type { RoomClient, RoomView } from '../room/room-client.ts';
import { text } from './text.ts';

/**
 * A signal the server refused for good never reached the partner. That is said plainly, and stays
 * said until the person dismisses it: they may have looked away when it happened.
 */
export function RefusedSignal({
  client,
  view,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
}) {
  if (view.refusedSignal === null) return null;
  return (
    // Not role="alert": that is the partner's signal arriving, and must stay unmistakable.
    <div className="refused" role="status" aria-live="assertive">
      <span>{text.refusedSignal}</span>
      <button type="button" className="button" onClick={() => client.dismissRefusedSignal()}>
        {text.dismiss}
      </button>
    </div>
  );
}
