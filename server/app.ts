import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { LIMITS } from '../shared/limits.ts';
import { createHttpApp } from './http/express-app.ts';
import { serveConnectCheck } from './limits/connect-check.ts';
import { OPEN_GATE, eventGate } from './limits/event-gate.ts';
import { handshakes } from './limits/handshake.ts';
import type { LimiterFactory } from './limits/limiters.ts';
import { createEdgeLimiters } from './limits/limiters.ts';
import { NO_ROOM_CAPS, capEvents, roomCaps } from './limits/room-caps.ts';
import type { EdgeSettings } from './limits/settings.ts';
import { PERMISSIVE_EDGE } from './limits/settings.ts';
import type { Logger } from './log.ts';
import { silentLogger } from './log.ts';
import type { RoomServices } from './rooms/context.ts';
import { handleDelete } from './rooms/delete.ts';
import { handleJoin } from './rooms/join.ts';
import { handleKeep } from './rooms/keep.ts';
import { handlePushSubscribe, handlePushWake, handleVisibility } from './rooms/push-requests.ts';
import { PushNotifier } from './push/push-notifier.ts';
import type { PushSettings } from './push/settings.ts';
import { broadcastPresence } from './rooms/presence.ts';
import type { AttachedScaleOut } from './scale/attach.ts';
import { attachScaleOut } from './scale/attach.ts';
import type { ScaleOut } from './scale/scale-out.ts';
import { handleSend } from './rooms/send.ts';
import { startSweep } from './rooms/sweep.ts';
import { handleSync } from './rooms/sync.ts';
import { InFlight } from './socket/in-flight.ts';
import { issueNonce } from './socket/nonce.ts';
import { serveRequests } from './socket/requests.ts';
import { closeConnectionsGently, settlesWithin } from './socket/shutdown.ts';
import type { TandemServer } from './socket/types.ts';
import type { RoomLifetime } from './store/lifetime.ts';
import { momentAt } from './store/lifetime.ts';
import type { RoomStore } from './store/room-store.ts';
import { StoreUnavailableError } from './store/room-store.ts';

export interface AppDeps {
  readonly store: RoomStore;
  readonly logger?: Logger;
  /** The clock, injectable so tests can move time. */
  readonly now?: () => number;
  /**
   * Makes the rate limiters: `scale`'s when given (limits by address shared in Redis), else these,
   * else in memory.
   */
  readonly limiters?: LimiterFactory;
  /**
   * Several processes on one Redis (server/scale/): the socket.io adapter, presence turns, shared
   * limits. Closing the app closes its Redis connections. Without it, one process on its own.
   */
  readonly scale?: ScaleOut;
}

export interface AppOptions {
  /** The client's production build, or null to serve the socket only (tests, `npm run dev`). */
  readonly staticDir: string | null;
  /** How long a room may be idle, and how long it may live at all. */
  readonly lifetime: RoomLifetime;
  /** How often rooms that are over are swept from the store. */
  readonly sweepIntervalMs?: number;
  /** The longest a shutdown waits for requests in flight before closing anyway. */
  readonly drainTimeoutMs?: number;
  /**
   * Heartbeat: a phone that vanishes without closing its connection is noticed within
   * interval + timeout. Defaults keep that under 10 s.
   */
  readonly heartbeat?: { readonly intervalMs: number; readonly timeoutMs: number };
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  /**
   * Origins, transports and limits (server/limits/). main.ts passes the configuration's, strict by
   * default; without them a server accepts its own origin and origin-less clients on either
   * transport, with no limits (tests about other things).
   */
  readonly edge?: EdgeSettings;
  /** Web Push (server/push/); without it this server sends none and says so at join. */
  readonly push?: PushSettings;
}

export interface TandemApp {
  readonly io: TandemServer;
  /** Web Push, or null when off: tests await its idle(). */
  readonly push: PushNotifier | null;
  readonly httpServer: HttpServer;
  /** Resolves with the address actually bound (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /**
   * Shuts down gracefully: new connections are refused, requests already received (and a sweep
   * under way) finish, and are acknowledged once stored; then every connection and the store
   * close.
   */
  close(): Promise<void>;
}

const DEFAULT_HEARTBEAT = { intervalMs: 5_000, timeoutMs: 4_000 };
const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export function createApp(deps: AppDeps, options: AppOptions): TandemApp {
  const log = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const edge = options.edge ?? PERMISSIVE_EDGE;
  const { scale } = deps;
  const limiters =
    edge.limits === null ? null : createEdgeLimiters(edge.limits, scale?.limiters ?? deps.limiters);
  const caps = limiters === null ? NO_ROOM_CAPS : roomCaps(store, limiters);
  const gates = handshakes(edge, limiters);
  const httpApp = createHttpApp(options.staticDir);
  const serveHttp = (request: IncomingMessage, response: ServerResponse) => {
    if (!serveConnectCheck(gates, request, response)) httpApp(request, response);
  };
  const httpServer: HttpServer =
    options.tls === undefined
      ? createHttpServer(serveHttp)
      : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, serveHttp);
  const heartbeat = options.heartbeat ?? DEFAULT_HEARTBEAT;

  const io: TandemServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: LIMITS.maxMessageBytes,
    pingInterval: heartbeat.intervalMs,
    pingTimeout: heartbeat.timeoutMs,
    transports: [...edge.transports],
    // Polling is not in the list unless configured, so there is nothing to upgrade from.
    allowUpgrades: edge.transports.length > 1,
    // Checked at the handshake, before any session exists: CORS does not stop a foreign page's
    // WebSocket (cross-site WebSocket hijacking), this does.
    allowRequest: gates.allowRequest,
    ...(scale === undefined ? {} : { adapter: scale.adapter }),
  });
  io.engine.on(
    'connection',
    (connection: {
      request: IncomingMessage;
      once: (event: 'close', listener: () => void) => void;
    }) => {
      gates.connected(connection.request, (release) => connection.once('close', release));
    },
  );
  const moment = () => momentAt(now(), options.lifetime);
  const push =
    options.push === undefined
      ? null
      : new PushNotifier(
          {
            io,
            store,
            log,
            moment,
            pushChanged: (room) => broadcastPresence(io, store, room),
          },
          options.push,
        );
  const services: RoomServices = { io, store, log, moment, push };
  const inFlight = new InFlight();
  const peers: AttachedScaleOut | null =
    scale === undefined ? null : attachScaleOut(io, store, scale, log);
  const reachable = peers?.available ?? (() => true);

  io.on('connection', (socket) => {
    socket.data.member = null;
    socket.data.hidden = false;
    socket.data.address = gates.addressOf(socket.request);
    issueNonce(socket);
    const context = { ...services, socket };
    // While Redis is out of reach every request is answered `storage_unavailable` (scale/attach.ts).
    const whileReachable =
      <P, R>(handler: (payload: P) => Promise<R>) =>
      async (payload: P): Promise<R> => {
        if (!reachable()) throw new StoreUnavailableError('redis_unreachable');
        return handler(payload);
      };
    serveRequests(
      socket,
      {
        'room:join': whileReachable(handleJoin(context, caps)),
        'room:sync': whileReachable(handleSync(context)),
        'envelope:send': whileReachable(capEvents(handleSend(context), socket, caps)),
        'room:delete': whileReachable(handleDelete(context)),
        'room:keep': whileReachable(handleKeep(context)),
        'push:subscribe': whileReachable(handlePushSubscribe(context)),
        'push:wake': whileReachable(handlePushWake(context)),
        'phone:visibility': whileReachable(handleVisibility(context)),
      },
      log,
      inFlight,
      limiters === null ? OPEN_GATE : eventGate(limiters, socket.id),
    );
    socket.on('disconnect', () => {
      const member = socket.data.member;
      // While shutting down every connection closes: there is nobody left to tell. While Redis is
      // lost neither: every phone's connection was closed, and each join announces again.
      if (member === null || inFlight.draining || !reachable()) return;
      broadcastPresence(io, store, member.room).catch((error: unknown) => {
        log.warn('presence update failed', { error: String(error) });
      });
    });
  });

  const stopSweep = startSweep(services, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  const stopWakes = push?.startWakes() ?? (() => Promise.resolve());

  const shutDown = async (): Promise<void> => {
    // Stop listening first: new connections are refused from here on (a phone retries until the
    // next server listens). The callback, once every connection has ended, is not awaited:
    // io.close() below ends them.
    httpServer.close(() => undefined);
    const timeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    // Pushes last: a request still draining may store an urgent envelope, and its push (or a
    // wake's) must still go out, within the same time the requests are given.
    const idle = Promise.all([
      Promise.all([inFlight.drain(), stopWakes()]).then(() => push?.idle()),
      stopSweep(),
    ]).then(() => undefined);
    if (!(await settlesWithin(idle, timeoutMs))) {
      log.warn('shutdown did not wait for every request in flight');
    }
    await push?.close();
    if (!(await settlesWithin(closeConnectionsGently(io), timeoutMs))) {
      log.warn('shutdown did not wait for every connection to flush');
    }
    peers?.stop();
    // Closing the server closes its adapter (unsubscribing), then the Redis links can go.
    await io.close();
    await scale?.close();
    await store.close();
  };
  let closing: Promise<void> | null = null;

  return {
    io,
    push,
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      }),
    close: () => (closing ??= shutDown()),
  };
}
