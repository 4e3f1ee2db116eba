/** An open window of the app, as the service worker sees it (a WindowClient). */
export interface AppWindow {
  readonly url: string;
  readonly focused: boolean;
  readonly visibilityState: DocumentVisibilityState;
}

/** What a tap on a notification does. */
export type ClickAction =
  /** Bring this open window (index in the list given) to the front: it shows the room already. */
  | { readonly type: 'focus'; readonly index: number }
  /** Open a new window at this address. */
  | { readonly type: 'open'; readonly url: string };

/** The room a window shows is its fragment (room-link.ts): two windows of one room share it. */
const fragmentOf = (url: string): string => {
  try {
    return new URL(url).hash;
  } catch {
    return '';
  }
};

const showsRoom = (window: AppWindow, address: string): boolean =>
  fragmentOf(address) !== '' && fragmentOf(window.url) === fragmentOf(address);

/**
 * A tap opens the room: a window that shows it already (a focused one first), else a new window
 * at the room's address. Another room's window is never taken over. Without the room's address
 * (nothing kept: the record did not read back) the start screen opens, which offers the way back
 * to the last room.
 */
export function clickAction(windows: readonly AppWindow[], address: string | null): ClickAction {
  if (address === null) return { type: 'open', url: '/' };
  const ofRoom = windows
    .map((window, index) => ({ window, index }))
    .filter(({ window }) => showsRoom(window, address));
  const best = ofRoom.find(({ window }) => window.focused) ?? ofRoom[0];
  return best === undefined ? { type: 'open', url: address } : { type: 'focus', index: best.index };
}

/**
 * Whether the person is looking at the room right now: then the page shows the alert itself, and
 * a notification on top would only say it twice.
 */
export const roomInFront = (windows: readonly AppWindow[], address: string | null): boolean =>
  address !== null &&
  windows.some(
    (window) =>
      window.focused && window.visibilityState === 'visible' && showsRoom(window, address),
  );
