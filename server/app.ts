import type { Server as HttpServer } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { LIMITS } from '../shared/limits.ts';
import { createHttpApp } from './http/express-app.ts';
import type { Logger } from './log.ts';
import { silentLogger } from './log.ts';
import type { RoomContext } from './rooms/context.ts';
import { handleDelete } from './rooms/delete.ts';
import { handleJoin } from './rooms/join.ts';
import { broadcastPresence } from './rooms/presence.ts';
import { handleSend } from './rooms/send.ts';
import { handleSync } from './rooms/sync.ts';
import { serveRequests } from './socket/requests.ts';
import type { TandemServer } from './socket/types.ts';
import type { RoomStore } from './store/room-store.ts';

export interface AppDeps {
  readonly store: RoomStore;
  readonly logger?: Logger;
  /** The clock, injectable so tests can move time. */
  readonly now?: () => number;
}

export interface AppOptions {
  /** The client's production build, or null to serve the socket only (tests, `npm run dev`). */
  readonly staticDir: string | null;
  readonly roomTtlMs: number;
  /** How often idle rooms are swept from the store. */
  readonly sweepIntervalMs?: number;
  /**
   * Heartbeat: a phone that vanishes without closing its connection is noticed within
   * interval + timeout. Defaults keep that under 10 s.
   */
  readonly heartbeat?: { readonly intervalMs: number; readonly timeoutMs: number };
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

export interface TandemApp {
  readonly io: TandemServer;
  readonly httpServer: HttpServer;
  /** Resolves with the address actually bound (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

const DEFAULT_HEARTBEAT = { intervalMs: 5_000, timeoutMs: 4_000 };
const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export function createApp(deps: AppDeps, options: AppOptions): TandemApp {
  const log = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const httpApp = createHttpApp(options.staticDir);
  const httpServer: HttpServer =
    options.tls === undefined
      ? createHttpServer(httpApp)
      : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, httpApp);
  const heartbeat = options.heartbeat ?? DEFAULT_HEARTBEAT;

  const io: TandemServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: LIMITS.maxMessageBytes,
    pingInterval: heartbeat.intervalMs,
    pingTimeout: heartbeat.timeoutMs,
  });

  io.on('connection', (socket) => {
    socket.data.member = null;
    const context: RoomContext = { io, socket, store, log, now, roomTtlMs: options.roomTtlMs };
    serveRequests(
      socket,
      {
        'room:join': handleJoin(context),
        'room:sync': handleSync(context),
        'envelope:send': handleSend(context),
        'room:delete': handleDelete(context),
      },
      log,
    );
    socket.on('disconnect', () => {
      const member = socket.data.member;
      if (member === null) return;
      broadcastPresence(io, store, member.roomId).catch((error: unknown) => {
        log.warn('presence update failed', { error: String(error) });
      });
    });
  });

  const sweep = setInterval(() => {
    store.purgeIdleSince(now() - options.roomTtlMs).then(
      (purged) => {
        // Phones still connected to a purged room are told, then let go, as after a deletion.
        for (const roomId of purged) {
          io.to(roomId).emit('room:deleted', { reason: 'expired' });
          io.in(roomId).disconnectSockets();
        }
        if (purged.length > 0) log.info('idle rooms purged', { purged: purged.length });
      },
      (error: unknown) => {
        log.error('purge failed', { error: String(error) });
      },
    );
  }, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    io,
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      }),
    close: async () => {
      clearInterval(sweep);
      // Closes every socket.io connection and the HTTP server under it.
      await io.close();
      await store.close();
    },
  };
}
