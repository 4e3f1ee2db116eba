import type { RoomSocket } from './room-socket.ts';

/**
 * socket.io retries only after an error; a connection closed cleanly mid-handshake (a proxy, a
 * server going down) leaves it waiting forever. Past this long with no connection and no attempt
 * in progress, the watchdog starts one.
 */
export const STALL_AFTER_MS = 10_000;
export const CHECK_EVERY_MS = 2_500;

/**
 * Watches `socket` while `active()`, calling `onStall` each time it restarts a stalled attempt
 * (socket.io itself reports no error then). Returns the function that stops watching.
 */
export function watchConnection(
  socket: RoomSocket,
  active: () => boolean,
  onStall: () => void,
): () => void {
  let lastActivity = Date.now();
  const activity = () => {
    lastActivity = Date.now();
  };
  socket.io.on('reconnect_attempt', activity);
  socket.on('connect', activity);
  socket.on('connect_error', activity);
  socket.on('disconnect', activity);
  const timer = setInterval(() => {
    if (!socket.connected && Date.now() - lastActivity > STALL_AFTER_MS && active()) {
      activity();
      onStall();
      socket.disconnect();
      socket.connect();
    }
  }, CHECK_EVERY_MS);
  return () => {
    clearInterval(timer);
    socket.io.off('reconnect_attempt', activity);
    socket.off('connect', activity);
    socket.off('connect_error', activity);
    socket.off('disconnect', activity);
  };
}
