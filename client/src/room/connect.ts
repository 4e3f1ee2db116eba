import { io } from 'socket.io-client';
import type { RoomSocket } from './room-socket.ts';

/**
 * A socket to the server this page came from. WebSocket first (lowest latency for a signal),
 * long-polling if a network blocks it; reconnects quickly and forever, since a room may outlive
 * many dropped connections.
 */
export const connectToServer = (): RoomSocket =>
  io({
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
