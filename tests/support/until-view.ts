import type { RoomClient, RoomView } from '../../client/src/room/room-client.ts';

/**
 * Resolves with the first view (the current one included) that satisfies `predicate`. Rejects if
 * the room closes (or the phone is found outdated) first, since neither status ever changes again.
 */
export function until(
  client: RoomClient,
  predicate: (view: RoomView) => boolean,
  what = 'a view',
): Promise<RoomView> {
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    const check = (): boolean => {
      const view = client.getSnapshot();
      if (predicate(view)) {
        unsubscribe?.();
        resolve(view);
        return true;
      }
      if (view.status.kind === 'closed' || view.status.kind === 'outdated') {
        unsubscribe?.();
        const status = view.status.kind === 'closed' ? view.status.reason : 'outdated';
        reject(new Error(`room ended (${status}) while waiting for ${what}`));
        return true;
      }
      return false;
    };
    if (check()) return;
    unsubscribe = client.subscribe(() => {
      check();
    });
  });
}

/** Like `until`, for a closed status, which is the one thing `until` refuses to wait through. */
export function untilClosed(client: RoomClient): Promise<RoomView> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const view = client.getSnapshot();
      if (view.status.kind !== 'closed') return false;
      resolve(view);
      return true;
    };
    if (check()) return;
    const unsubscribe = client.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}
