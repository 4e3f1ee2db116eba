import { useStore } from '@nanostores/react';
import { lazyPart } from './LazyPart.tsx';
import { text } from './text.ts';

/** What RoomScreen itself shows while it opens the room, so nothing jumps when it arrives. */
function Opening() {
  const t = useStore(text);
  return (
    <main className="screen screen--notice" aria-busy="true">
      <p className="notice__body" role="status">
        {t.opening}
      </p>
    </main>
  );
}

/**
 * The room screen (socket, storage, panels) is its own chunk: the start page does not need it, so
 * the first load is React and the start screen only. main.tsx starts fetching it before the first
 * render when the URL is a room link, so a partner's first load does not wait twice.
 */
export const roomScreen = lazyPart(
  () => {
    // The protocol's schemas and the room's crypto are asked for on their own as well (they are
    // fetched with the room either way): a module is evaluated once its own imports are in, so each
    // is evaluated in a task of its own as it arrives, rather than all in the room chunk's one long
    // task. If one fails, the room's own import says so.
    void import('../../../shared/protocol.ts').catch(() => undefined);
    void import('../../../shared/crypto/codec.ts').catch(() => undefined);
    return import('./RoomScreen.tsx').then((module) => module.RoomScreen);
  },
  <Opening />,
);
export const RoomScreen = roomScreen.Part;
