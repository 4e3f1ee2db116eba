import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { createApp } from '../../../../server/app.ts';
import type { TandemApp } from '../../../../server/app.ts';
import type { EdgeSettings } from '../../../../server/limits/settings.ts';
import { createLogger } from '../../../../server/log.ts';
import { openScaleOut } from '../../../../server/scale/scale-out.ts';
import type { ScaleOut } from '../../../../server/scale/scale-out.ts';
import {
  REDIS_TEST_URL,
  deleteKeysUnder,
  openTestRedisStore,
  uniquePrefix,
} from '../../../support/redis.ts';

/**
 * Several Tandem servers in this test process, each with its own socket.io server, Redis store
 * and Redis connections (as separate processes would have), on one Redis under a prefix of the
 * test's own. Tests about fan-out, presence and limits across processes need nothing more; the
 * multi-process fault test runs real processes.
 */

/**
 * The tests' phones never reconnect, and no test here waits on a heartbeat (a dead process's
 * phones are noticed through the roster), so the heartbeat is lenient: a test process busy for a
 * moment must not lose a connection to a missed ping.
 */
const HEARTBEAT = { intervalMs: 2_000, timeoutMs: 5_000 } as const;
/** How often each node reads the roster: the tests await what follows, never time it. */
const FAST_ROSTER_MS = 50;
const LIFETIME = { idleMs: 24 * 60 * 60 * 1000, maxAgeMs: 30 * 24 * 60 * 60 * 1000 };

export interface ClusterNode {
  readonly app: TandemApp;
  readonly scale: ScaleOut;
  /** The store's own connection to Redis. */
  readonly storeRedis: Redis;
  readonly url: string;
  readonly logLines: readonly string[];
  /** Resolves with the next log line (after this call) whose `msg` is `msg`. */
  nextLog(msg: string): Promise<string>;
  /**
   * Dies without a word, as SIGKILL would leave it to the others: its Redis connections and every
   * phone's TCP connection are cut at once, and nothing of it runs afterwards.
   */
  die(): void;
}

export function useCluster() {
  let prefix = uniquePrefix();
  let nodes: { node: ClusterNode; close: () => Promise<void> }[] = [];

  afterEach(async () => {
    const closing = nodes;
    nodes = [];
    await Promise.all(closing.map(({ close }) => close()));
    await deleteKeysUnder(prefix).catch(() => undefined);
    prefix = uniquePrefix();
  });

  return {
    get prefix(): string {
      return prefix;
    },

    /** One more server of the deployment, listening on 127.0.0.1. */
    async node(
      options: { readonly edge?: EdgeSettings; readonly url?: string } = {},
    ): Promise<ClusterNode> {
      const url = options.url ?? REDIS_TEST_URL;
      const scale = await openScaleOut({
        url,
        prefix,
        roomMaxAgeMs: LIFETIME.maxAgeMs,
        rosterIntervalMs: FAST_ROSTER_MS,
      });
      const { store, redis } = await openTestRedisStore(prefix, url);
      const logLines: string[] = [];
      const logWatchers = new Set<(line: string) => void>();
      const app = createApp(
        {
          store,
          scale,
          logger: createLogger('debug', (line) => {
            logLines.push(line);
            for (const watcher of [...logWatchers]) watcher(line);
            // CLUSTER_LOGS=1 shows every node's log as it happens, to follow a failure.
            if (process.env.CLUSTER_LOGS === '1') process.stderr.write(`${line}\n`);
          }),
        },
        {
          staticDir: null,
          lifetime: LIFETIME,
          heartbeat: HEARTBEAT,
          ...(options.edge === undefined ? {} : { edge: options.edge }),
        },
      );
      const connections = new Set<Socket>();
      app.httpServer.on('connection', (connection: Socket) => {
        connections.add(connection);
        connection.on('close', () => connections.delete(connection));
      });
      const { port } = await app.listen(0, '127.0.0.1');
      let dead = false;
      const node: ClusterNode = {
        app,
        scale,
        storeRedis: redis,
        url: `http://127.0.0.1:${String(port)}`,
        logLines,
        nextLog: (msg) =>
          new Promise((resolve) => {
            const watcher = (line: string) => {
              if (!line.includes(`"msg":${JSON.stringify(msg)}`)) return;
              logWatchers.delete(watcher);
              resolve(line);
            };
            logWatchers.add(watcher);
          }),
        die: () => {
          dead = true;
          redis.disconnect();
          for (const client of [
            scale.links.publisher,
            scale.links.subscriber,
            scale.links.commands,
          ])
            client.disconnect();
          // Its own handlers must not run for the connections it loses: a killed process runs
          // nothing. The sockets are dropped from its books before their TCP connections are.
          app.io.of('/').removeAllListeners('connection');
          for (const socket of app.io.of('/').sockets.values())
            socket.removeAllListeners('disconnect');
          for (const connection of connections) connection.destroy();
          app.httpServer.close();
        },
      };
      nodes.push({
        node,
        close: async () => {
          // A dead node's Redis connections are gone: closing its adapter would use them.
          if (dead) {
            app.io.engine.close();
            return;
          }
          await app.close();
        },
      });
      return node;
    },
  };
}
