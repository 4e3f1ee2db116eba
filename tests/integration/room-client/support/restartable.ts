import { createHash } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import type { Socket as NetSocket } from 'node:net';
import { afterEach } from 'vitest';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import type { RoomClient } from '../../../../client/src/room/room-client.ts';
import { TestBrowser } from '../../../support/test-browser.ts';
import { FaultyStore } from '../../support/faulty-store.ts';
import { startServer } from '../../support/server.ts';
import type { TestServer } from '../../support/server.ts';
import type { Phone } from './room-clients.ts';
import { openPhone } from './room-clients.ts';

/** A real Tandem server on 127.0.0.1 over a `FaultyStore`; it can be closed and started again. */
export type RigServer = TestServer<FaultyStore>;

/**
 * Something on a port that accepts a WebSocket upgrade and then closes the connection cleanly,
 * before the engine.io handshake: what a proxy or a server going down can do. socket.io's
 * manager hears neither `open` nor `error` from such an attempt, so it neither connects nor
 * retries (until its own connection timeout).
 */
export interface StallServer {
  readonly port: number;
  /** Resolves once `count` upgrades have been accepted and cut off. */
  untilUpgrades(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface PhoneOptions {
  /** The browser the phone's page opens in (a fresh one unless given: given, it is a reload). */
  readonly browser?: TestBrowser;
  /** socket.io options on top of the rig's defaults. */
  readonly socket?: Partial<ManagerOptions & SocketOptions>;
}

/** Where a phone's `connect()` points: read at every call, so a test may move it. */
export interface Target {
  readonly url: string;
}

/**
 * Owns every server, stall server and phone a test makes, and closes them after each test. Call
 * once at the top level of a test file. A server can be given a store (one kept across a restart)
 * and a fixed port (the same address again).
 */
export function useRig() {
  const servers: RigServer[] = [];
  const stalls: StallServer[] = [];
  const clients: RoomClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(stalls.splice(0).map((stall) => stall.close()));
  });

  return {
    async server(options: { store?: FaultyStore; port?: number } = {}): Promise<RigServer> {
      const server = await startServer({ ...options, store: options.store ?? new FaultyStore() });
      servers.push(server);
      return server;
    },

    async stallServer(port = 0): Promise<StallServer> {
      const stall = await startStallServer(port);
      stalls.push(stall);
      return stall;
    },

    /** Opens the room on a phone whose sockets go to `target.url` as it is at each connect. */
    async phone(target: Target, secret: string, options: PhoneOptions = {}): Promise<Phone> {
      const browser = options.browser ?? new TestBrowser();
      const phone = await openPhone(() => target.url, secret, browser, options.socket);
      clients.push(phone.client);
      return phone;
    },
  };
}

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

async function startStallServer(port: number): Promise<StallServer> {
  let upgrades = 0;
  const waiters = new Set<() => void>();
  const connections = new Set<NetSocket>();
  const server = createNetServer((connection) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => undefined);
    let head = '';
    connection.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const key = /^sec-websocket-key:\s*(\S+)\s*$/im.exec(head)?.[1];
      if (key === undefined) {
        connection.destroy();
        return;
      }
      const accept = createHash('sha1')
        .update(key + WEBSOCKET_GUID)
        .digest('base64');
      // The upgrade is accepted, then the connection ends without a word of engine.io.
      connection.end(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      upgrades += 1;
      for (const waiter of [...waiters]) waiter();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  let closed: Promise<void> | null = null;
  return {
    port: address.port,
    untilUpgrades: (count) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (upgrades < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        for (const connection of connections) connection.destroy();
        server.close(() => {
          resolve();
        });
      })),
  };
}

export type Rig = ReturnType<typeof useRig>;
