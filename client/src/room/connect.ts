import { io } from 'socket.io-client';
import type { RoomSocket } from './room-socket.ts';

/**
 * A socket to the server this page came from, over WebSocket only (lowest latency for a signal;
 * the server refuses long-polling unless TRANSPORTS allows it, and then a build with
 * VITE_TRANSPORTS=websocket,polling falls back to it). Reconnects quickly and forever, since a
 * room may outlive many dropped connections.
 */
const TRANSPORTS: ('websocket' | 'polling')[] =
  import.meta.env.VITE_TRANSPORTS === 'websocket,polling'
    ? ['websocket', 'polling']
    : ['websocket'];

export const connectToServer = (): RoomSocket =>
  io({
    transports: TRANSPORTS,
    tryAllTransports: TRANSPORTS.length > 1,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
