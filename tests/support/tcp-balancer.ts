import { createServer } from 'node:net';
import type { Server } from 'node:net';
import type { Network } from './tcp-proxy/lane.ts';
import { LOOPBACK, Link } from './tcp-proxy/link.ts';

/**
 * A round-robin TCP load balancer on loopback, for tests of several server processes where nginx
 * is not installed: each new connection goes to the next target port in turn (a process that is
 * replaced comes back on the same port). A target that refuses
 * (its process was killed) resets that connection, and the phone's retry goes to the next one,
 * as with nginx's `proxy_next_upstream`, only one retry later. WebSocket-only phones need no
 * stickiness: a connection stays where it was opened for its whole life.
 */
export class TcpBalancer {
  readonly port: number;
  readonly #targets: readonly number[];
  #next = 0;
  readonly #server: Server;
  readonly #links = new Set<Link>();
  /** Connections sent to each target port, in total. */
  readonly sent = new Map<number, number>();

  private constructor(server: Server, port: number, targets: readonly number[]) {
    this.#server = server;
    this.port = port;
    this.#targets = [...targets];
    // Nothing is held or delayed: the balancer only chooses where each connection goes.
    const network: Network = {
      stalled: () => false,
      latencyMs: () => 0,
      changed: () => undefined,
    };
    server.on('connection', (inbound) => {
      const target = this.#pick();
      const link = new Link(inbound, network, (closed) => this.#links.delete(closed));
      this.#links.add(link);
      this.sent.set(target, (this.sent.get(target) ?? 0) + 1);
      link.open(target);
    });
  }

  static async start(targets: readonly number[]): Promise<TcpBalancer> {
    const server = createServer({ allowHalfOpen: true });
    server.maxConnections = 256;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return new TcpBalancer(server, address.port, targets);
  }

  get url(): string {
    return `http://${LOOPBACK}:${String(this.port)}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const link of [...this.#links]) link.cut('reset');
      this.#server.close(() => {
        resolve();
      });
    });
  }

  #pick(): number {
    const target = this.#targets[this.#next % this.#targets.length];
    this.#next += 1;
    if (target === undefined) throw new Error('the balancer has no target');
    return target;
  }
}
