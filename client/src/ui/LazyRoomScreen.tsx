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
  () => import('./RoomScreen.tsx').then((module) => module.RoomScreen),
  <Opening />,
);
export const RoomScreen = roomScreen.Part;
