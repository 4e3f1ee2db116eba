import type { Server, Socket } from 'socket.io';
import type { Seat } from '../../shared/ids.ts';
import type { ServerToClientEvents, UntrustedClientEvents } from '../../shared/protocol.ts';

/** What the server remembers about a connection once it has taken a seat. */
export interface SocketData {
  /**
   * The seat this connection holds. `memberId` and `roomCreatedAt` pin it to one incarnation of
   * the room, so a connection left over from a deleted room stays out of a new one.
   */
  member: { roomId: string; seat: Seat; memberId: string; roomCreatedAt: number } | null;
}

type NoInterServerEvents = Record<string, never>;

export type TandemServer = Server<
  UntrustedClientEvents,
  ServerToClientEvents,
  NoInterServerEvents,
  SocketData
>;
export type TandemSocket = Socket<
  UntrustedClientEvents,
  ServerToClientEvents,
  NoInterServerEvents,
  SocketData
>;
