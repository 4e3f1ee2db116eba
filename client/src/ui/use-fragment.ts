import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The URL fragment, which holds the room secret (see room-link.ts). */
export const useFragment = (): string =>
  useSyncExternalStore(subscribe, () => window.location.hash);
