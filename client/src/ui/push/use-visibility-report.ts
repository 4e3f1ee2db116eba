import { useEffect } from 'react';
import type { RoomClient } from '../../room/room-client.ts';

/**
 * Tells the server whether this page is hidden (screen off, app in the background): a hidden
 * page's socket may be frozen at any moment, so the server also pushes to a seat whose pages all
 * are. Said now, at each change, and again after each join (push-link.ts).
 */
export function useVisibilityReport(client: RoomClient): void {
  useEffect(() => {
    const report = () => {
      client.setHidden(document.visibilityState === 'hidden');
    };
    report();
    document.addEventListener('visibilitychange', report);
    return () => {
      document.removeEventListener('visibilitychange', report);
    };
  }, [client]);
}
