import { useStore } from '@nanostores/react';
import { text } from './text.ts';

/** A plain page of this server: no app name, no room, no script, nothing from elsewhere. */
export const QUICK_EXIT_PAGE = '/blank.html';

/**
 * Leaves the room at once for a neutral page, for when someone else may see the screen.
 * The body is hidden first, in the tap itself, so nothing of the room is painted while the next
 * page loads; `location.replace` swaps this history entry, so Back does not lead to the room.
 * Nothing is deleted: the seat and the saved room stay, and the invite link opens it again.
 */
export function QuickExit() {
  const t = useStore(text);
  return (
    <button
      type="button"
      className="button quick-exit"
      onClick={() => {
        // Written straight to the DOM rather than through React state: a re-render waits for the
        // scheduler, this does not.
        document.body.hidden = true;
        window.location.replace(QUICK_EXIT_PAGE);
      }}
    >
      {t.quickExit}
    </button>
  );
}
