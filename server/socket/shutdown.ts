import type { TandemServer } from './types.ts';

/**
 * Closes every connection once what was written to it has gone out: each phone gets its last
 * acknowledgement, then sees its transport close and reconnects (to the next server) on its own.
 * Closing the engine outright would drop packets still queued behind a broadcast.
 */
export function closeConnectionsGently(io: TandemServer): Promise<void> {
  const closing = [...io.of('/').sockets.values()].map(
    ({ conn }) =>
      new Promise<void>((resolve) => {
        if (conn.readyState === 'closed') {
          resolve();
          return;
        }
        conn.once('close', () => {
          resolve();
        });
        // Without `discard`, engine.io waits for its write buffer to drain before closing.
        conn.close();
      }),
  );
  return Promise.all(closing).then(() => undefined);
}

/** Whether `promise` settled within `ms`; it is not cancelled if it did not. */
export function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
    }, ms);
    timer.unref();
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
