import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

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

export type CutMode = 'reset' | 'fin';

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

const LOOPBACK = '127.0.0.1';
const DEFAULT_MAX_CONNECTIONS = 64;
/** Bytes one direction of one connection may hold before it stops reading (TCP pushes back). */
const MAX_HELD_BYTES_PER_LANE = 1024 * 1024;

/** What travels through a lane: bytes, or the way its source closed. */
type LaneItem =
  | { readonly kind: 'data'; readonly chunk: Buffer; readonly dueAt: number }
  | { readonly kind: 'end'; readonly dueAt: number }
  | { readonly kind: 'reset'; readonly dueAt: number };

/** What every lane consults before forwarding: the network's state as the proxy sets it. */
interface Network {
  stalled(): boolean;
  latencyMs(): number;
  changed(): void;
}

/**
 * One direction of one connection: an ordered queue from `source` to `sink`. Items leave after
 * the network's latency, never while it is stalled or before the sink exists.
 */
class Lane {
  sink: Socket | null = null;
  #items: LaneItem[] = [];
  #bytes = 0;
  #timer: NodeJS.Timeout | null = null;
  #awaitingDrain = false;
  /** Cut: whatever still arrives is dropped. */
  #discarded = false;

  constructor(
    readonly source: Socket,
    private readonly network: Network,
  ) {
    source.on('data', (chunk: Buffer) => {
      this.#hold({ kind: 'data', chunk, dueAt: this.#dueAt() });
    });
    source.on('end', () => {
      this.#hold({ kind: 'end', dueAt: this.#dueAt() });
    });
  }

  get heldBytes(): number {
    return this.#bytes;
  }

  /** The source closed without a clean end: its peer is reset, after what came before. */
  sourceReset(): void {
    this.#hold({ kind: 'reset', dueAt: this.#dueAt() });
  }

  /** Forwards whatever is due, and schedules the rest. */
  pump(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const sink = this.sink;
    if (this.network.stalled() || sink === null) {
      this.#regulate();
      this.network.changed();
      return;
    }
    for (;;) {
      const head = this.#items[0];
      if (head === undefined) break;
      const wait = head.dueAt - performance.now();
      if (wait > 0) {
        this.#timer = setTimeout(() => {
          this.pump();
        }, wait);
        break;
      }
      this.#items.shift();
      this.#deliver(head, sink);
    }
    this.#regulate();
    this.network.changed();
  }

  /** Drops everything held: a cut loses what was in flight. */
  discard(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#items = [];
    this.#bytes = 0;
    this.#discarded = true;
  }

  #dueAt(): number {
    return performance.now() + this.network.latencyMs();
  }

  #hold(item: LaneItem): void {
    if (this.#discarded) return;
    this.#items.push(item);
    if (item.kind === 'data') this.#bytes += item.chunk.length;
    this.pump();
  }

  #deliver(item: LaneItem, sink: Socket): void {
    switch (item.kind) {
      case 'data':
        this.#bytes -= item.chunk.length;
        if (!sink.destroyed && !sink.write(item.chunk)) {
          this.#awaitingDrain = true;
          sink.once('drain', () => {
            this.#awaitingDrain = false;
            this.#regulate();
          });
        }
        return;
      case 'end':
        if (!sink.destroyed) sink.end();
        return;
      case 'reset':
        destroy(sink, 'reset');
        return;
    }
  }

  /** Reads from the source only while the sink keeps up and little is held. */
  #regulate(): void {
    if (this.source.destroyed) return;
    if (this.#awaitingDrain || this.#bytes >= MAX_HELD_BYTES_PER_LANE) this.source.pause();
    else this.source.resume();
  }
}

function destroy(socket: Socket, mode: CutMode): void {
  if (socket.destroyed) return;
  switch (mode) {
    case 'reset':
      socket.resetAndDestroy();
      return;
    case 'fin':
      // Flushes what was already written, sends FIN, then lets go.
      socket.destroySoon();
      return;
  }
}

/** One proxied connection: the phone's side, and the server's side once it is opened. */
class Link {
  readonly up: Lane;
  down: Lane | null = null;
  outbound: Socket | null = null;

  constructor(
    readonly inbound: Socket,
    private readonly network: Network,
    private readonly onClosed: (link: Link) => void,
  ) {
    this.up = new Lane(inbound, network);
    inbound.on('error', () => undefined);
    inbound.on('close', () => {
      if (!inbound.readableEnded) this.up.sourceReset();
      this.#maybeClosed();
    });
  }

  get opened(): boolean {
    return this.outbound !== null;
  }

  get heldBytes(): number {
    return this.up.heldBytes + (this.down?.heldBytes ?? 0);
  }

  /** Connects to the target; until then the phone's bytes wait in the up lane. */
  open(targetPort: number): void {
    if (this.inbound.destroyed || this.outbound !== null) return;
    const outbound = connect({ port: targetPort, host: LOOPBACK, allowHalfOpen: true });
    this.outbound = outbound;
    const down = new Lane(outbound, this.network);
    this.down = down;
    let connected = false;
    outbound.on('connect', () => {
      connected = true;
      this.up.sink = outbound;
      down.sink = this.inbound;
      this.up.pump();
      down.pump();
    });
    outbound.on('error', () => undefined);
    outbound.on('close', () => {
      // Nothing listening there (a server restarting): the phone sees its connection reset.
      if (!connected) destroy(this.inbound, 'reset');
      else if (!outbound.readableEnded) down.sourceReset();
      this.#maybeClosed();
    });
  }

  pump(): void {
    this.up.pump();
    this.down?.pump();
  }

  cut(mode: CutMode): void {
    this.up.discard();
    this.down?.discard();
    destroy(this.inbound, mode);
    if (this.outbound !== null) destroy(this.outbound, mode);
  }

  #maybeClosed(): void {
    if (this.inbound.destroyed && (this.outbound?.destroyed ?? true)) this.onClosed(this);
  }
}

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
