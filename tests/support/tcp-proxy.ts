import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { CutMode, Network } from './tcp-proxy/lane.ts';
import { destroy } from './tcp-proxy/lane.ts';
import { LOOPBACK, Link } from './tcp-proxy/link.ts';

export type { CutMode } from './tcp-proxy/lane.ts';

/**
 * A loopback TCP proxy with a network's faults on command, for tests that must prove nothing is
 * lost when the network misbehaves:
 * - `cut(mode)` destroys every live connection, with a reset (RST) or a clean close (FIN);
 * - `stall()` freezes the network: nothing is forwarded either way and nothing is closed, and new
 *   connections are held unanswered; `resume()` delivers everything held, in order (or `cut()`
 *   ends the stall by dropping it all);
 * - `refuse()` resets new connections until `accept()`;
 * - `latencyMs` delays every chunk (and every close) by that long, order kept;
 * - `retarget(port)` sends later connections elsewhere (a restarted server on a new port).
 * It listens and connects on 127.0.0.1 only, holds a bounded number of connections and bytes, and
 * `close()` ends everything.
 */

export interface TcpProxyOptions {
  /** The port on 127.0.0.1 to forward to. */
  readonly targetPort: number;
  readonly latencyMs?: number;
  /** Connections beyond this many at once are refused by the listener. */
  readonly maxConnections?: number;
}

export interface TcpProxyStats {
  readonly accepted: number;
  readonly refused: number;
  /** Connections destroyed by `cut()`. */
  readonly cut: number;
}

const DEFAULT_MAX_CONNECTIONS = 64;

export class TcpProxy {
  readonly port: number;
  readonly #server: Server;
  readonly #links = new Set<Link>();
  readonly #listeners = new Set<() => void>();
  #targetPort: number;
  #stalled = false;
  #refusing = false;
  #latencyMs: number;
  #stats = { accepted: 0, refused: 0, cut: 0 };
  #closed: Promise<void> | null = null;
  readonly #network: Network;

  private constructor(server: Server, port: number, options: TcpProxyOptions) {
    this.#server = server;
    this.port = port;
    this.#targetPort = options.targetPort;
    this.#latencyMs = options.latencyMs ?? 0;
    // Lanes read the proxy's state through this view, at the moment they forward.
    this.#network = {
      stalled: () => this.#stalled,
      latencyMs: () => this.#latencyMs,
      changed: () => {
        this.#changed();
      },
    };
    server.on('connection', (inbound) => {
      this.#accept(inbound);
    });
  }

  static async start(options: TcpProxyOptions): Promise<TcpProxy> {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: false });
    server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    return new TcpProxy(server, address.port, options);
  }

  get url(): string {
    return `http://${LOOPBACK}:${String(this.port)}`;
  }

  get targetPort(): number {
    return this.#targetPort;
  }

  get stalled(): boolean {
    return this.#stalled;
  }

  get liveConnections(): number {
    return this.#links.size;
  }

  /** Bytes read from either side and not yet forwarded (stalled, delayed or awaiting a connect). */
  get heldBytes(): number {
    let held = 0;
    for (const link of this.#links) held += link.heldBytes;
    return held;
  }

  get stats(): TcpProxyStats {
    return { ...this.#stats };
  }

  /** Later connections go to `port`; live ones stay where they are. */
  retarget(port: number): void {
    this.#targetPort = port;
  }

  set latencyMs(ms: number) {
    this.#latencyMs = Math.max(0, ms);
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** Destroys every live connection, dropping whatever was held; ends a stall. */
  cut(mode: CutMode = 'reset'): void {
    this.#stalled = false;
    for (const link of [...this.#links]) {
      link.cut(mode);
      this.#stats.cut += 1;
    }
    this.#openHeld();
    this.#changed();
  }

  stall(): void {
    this.#stalled = true;
    this.#changed();
  }

  /** Ends a stall: connections held at accept are opened, and every held byte goes, in order. */
  resume(): void {
    this.#stalled = false;
    this.#openHeld();
    for (const link of this.#links) link.pump();
    this.#changed();
  }

  /** New connections are reset at once until `accept()`; live ones are untouched. */
  refuse(): void {
    this.#refusing = true;
  }

  accept(): void {
    this.#refusing = false;
  }

  /** Resolves once `condition` holds, checked now and after every change the proxy sees. */
  until(condition: (proxy: TcpProxy) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!condition(this)) return;
        this.#listeners.delete(check);
        resolve();
      };
      this.#listeners.add(check);
      check();
    });
  }

  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#refusing = true;
      this.#stalled = false;
      for (const link of [...this.#links]) link.cut('reset');
      this.#server.close(() => {
        resolve();
      });
    });
    return this.#closed;
  }

  #accept(inbound: Socket): void {
    if (this.#refusing) {
      this.#stats.refused += 1;
      inbound.on('error', () => undefined);
      destroy(inbound, 'reset');
      this.#changed();
      return;
    }
    this.#stats.accepted += 1;
    const link = new Link(inbound, this.#network, (closed) => {
      this.#links.delete(closed);
      this.#changed();
    });
    this.#links.add(link);
    // A frozen network answers nothing: the connection is held until the stall ends.
    if (!this.#stalled) link.open(this.#targetPort);
    this.#changed();
  }

  #openHeld(): void {
    for (const link of this.#links) if (!link.opened) link.open(this.#targetPort);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
