import { useEffect, useState, useSyncExternalStore } from 'react';
import { connectToServer } from '../room/connect.ts';
import type { RoomView } from '../room/room-client.ts';
import { RoomClient } from '../room/room-client.ts';
import { browserLocalStore } from '../room/open-local-store.ts';
import { browserStorage } from '../room/storage.ts';
import { browserTabs } from '../room/tabs.ts';

/** Opens the room for as long as the screen is mounted, and renders its latest view. */
export function useRoom(secret: string): { client: RoomClient; view: RoomView } {
  const [client] = useState(
    () =>
      new RoomClient(secret, {
        storage: browserStorage(),
        local: browserLocalStore(),
        tabs: browserTabs(),
        connect: connectToServer,
      }),
  );

  useEffect(() => {
    client.start().catch(() => {
      client.fail();
    });
    // Phones suspend pages in the background; come back online the moment the person looks.
    const wake = () => {
      if (document.visibilityState === 'visible') client.reconnectNow();
    };
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('online', wake);
      client.stop();
    };
  }, [client]);

  const view = useSyncExternalStore(client.subscribe, client.getSnapshot);
  return { client, view };
}
