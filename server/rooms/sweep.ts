import type { RoomServices } from './context.ts';
import { endRoom } from './end-room.ts';

/** Rooms ended per store query; the sweep queries again while a batch comes back full. */
const SWEEP_BATCH = 100;

/**
 * Every `intervalMs`, ends the rooms that are over (idle too long or past their maximum age)
 * through the one end path, so phones still connected to them are told, then let go. Rooms are
 * also ended when a request finds them over; the sweep catches the ones nobody touches. Returns
 * the function that stops it, which resolves once a sweep under way has finished.
 */
export function startSweep(services: RoomServices, intervalMs: number): () => Promise<void> {
  const sweep = async (): Promise<number> => {
    let count = 0;
    for (;;) {
      const ended = await services.store.listEnded(services.moment(), SWEEP_BATCH);
      let removed = 0;
      for (const { room, reason } of ended) {
        if (await endRoom(services, room, reason)) removed += 1;
      }
      count += removed;
      // A full batch may have more behind it; one that removed nothing would only repeat.
      if (ended.length < SWEEP_BATCH || removed === 0) return count;
    }
  };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    // A slow sweep is not overtaken by the next one.
    if (running !== null) return;
    running = sweep()
      .then(
        (count) => {
          if (count > 0) services.log.info('ended rooms swept', { count });
        },
        (error: unknown) => {
          services.log.error('sweep failed', { error: String(error) });
        },
      )
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running ?? Promise.resolve();
  };
}
