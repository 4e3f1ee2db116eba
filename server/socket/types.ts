import type { Server, Socket } from 'socket.io';
import type { ServerToClientEvents, UntrustedClientEvents } from '../../shared/protocol.ts';
import type { SeatHolder } from '../store/room-store.ts';

/** What the server remembers about a connection once it has taken a seat. */
export interface SocketData {
  /**
   * The seat this connection holds, pinned to the room incarnation it joined: every store call it
   * makes names that incarnation, so a connection left over from a deleted room stays out of a
   * new one under the same id.
   */
  member: SeatHolder | null;
  /** The address this connection counts against (server/limits/client-address.ts). */
  address: string;
  /** The nonce this connection's join proof must answer; null once a join has used it (nonce.ts). */
  nonce: string | null;
  /**
   * The phone said its page is hidden (`phone:visibility`): its socket may be frozen any moment,
   * so an urgent envelope for its seat is pushed as well (server/push/).
   */
  hidden: boolean;
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
