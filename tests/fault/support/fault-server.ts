import type { Socket } from 'node:net';
import { createApp } from '../../../server/app.ts';
import type { TandemApp } from '../../../server/app.ts';
import type { DurableStore } from './adapter.ts';

/**
 * A heartbeat short enough that a frozen connection is noticed in a fraction of a second (the
 * production default is 5 s + 4 s): the tests await the notice, they never time it.
 */
export const FAST_HEARTBEAT = { intervalMs: 150, timeoutMs: 150 } as const;

/** Rooms never expire during a fault test. */
const LIFETIME = { idleMs: 24 * 60 * 60 * 1000, maxAgeMs: 30 * 24 * 60 * 60 * 1000 };

/**
 * A real Tandem server on 127.0.0.1:0 over a durable store, that can crash and come back: a
 * restart drops every connection at once, as a process that dies does, and the new server (on the
 * same store) gets a new port.
 */
export class FaultServer {
  #app: TandemApp;
  #port: number;
  #connections: Set<Socket>;
  #restarts = 0;
  #stopping: Promise<void> | null = null;

  private constructor(
    readonly durable: DurableStore,
    app: TandemApp,
    port: number,
    connections: Set<Socket>,
  ) {
    this.#app = app;
    this.#port = port;
    this.#connections = connections;
  }

  static async start(durable: DurableStore): Promise<FaultServer> {
    const { app, port, connections } = await listen(durable);
    return new FaultServer(durable, app, port, connections);
  }

  get port(): number {
    return this.#port;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** Stops this server as a crash would, then starts a new one on the same store. */
  async restart(): Promise<number> {
    await this.stop();
    const { app, port, connections } = await listen(this.durable);
    this.#app = app;
    this.#port = port;
    this.#connections = connections;
    this.#stopping = null;
    this.#restarts += 1;
    return port;
  }

  /** Closes the server, cutting every connection rather than waiting for them to say goodbye. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const closing = this.#app.close();
      for (const connection of this.#connections) connection.destroy();
      await closing;
    })();
    return this.#stopping;
  }
}

async function listen(
  durable: DurableStore,
): Promise<{ app: TandemApp; port: number; connections: Set<Socket> }> {
  // A restarted server opens the database file again, as a new process would.
  durable.reopen();
  const app = createApp(
    { store: durable },
    { staticDir: null, lifetime: LIFETIME, heartbeat: FAST_HEARTBEAT },
  );
  const connections = new Set<Socket>();
  app.httpServer.on('connection', (connection: Socket) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
  });
  const { port } = await app.listen(0, '127.0.0.1');
  return { app, port, connections };
}
