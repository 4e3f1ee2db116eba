import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/**
 * Plain TCP endpoints for testing the proxy: each side records what it received and how it was
 * closed, and `until` waits on that record (checked after every socket event, never on a timer).
 */
export class Peer {
  received = '';
  /** The other side closed cleanly (FIN). */
  ended = false;
  closed = false;
  /** Closed by an error (a reset, say) rather than cleanly. */
  closedByError = false;
  readonly #waiters = new Set<() => void>();

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      this.#wake();
    });
    socket.on('end', () => {
      this.ended = true;
      this.#wake();
    });
    socket.on('error', () => undefined);
    socket.on('close', (hadError) => {
      this.closed = true;
      this.closedByError = hadError;
      this.#wake();
    });
  }

  write(text: string): void {
    this.socket.write(text, 'latin1');
  }

  until(condition: (peer: Peer) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!condition(this)) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

/** Connects to 127.0.0.1:`port`; resolves once the TCP connection is up. */
export function dial(port: number): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(new Peer(socket));
    });
    socket.once('error', reject);
  });
}

/**
 * Connects to 127.0.0.1:`port` and waits for the connection to end, however it ends: whether it
 * was ever established and how it closed. For a connection the other side turns away.
 */
export function knock(port: number): Promise<{ connected: boolean; closedByError: boolean }> {
  return new Promise((resolve) => {
    let connected = false;
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('error', () => undefined);
    socket.on('close', (closedByError) => {
      resolve({ connected, closedByError });
    });
  });
}

/** A TCP server on 127.0.0.1:0 that keeps every connection it accepts as a `Peer`. */
export class Upstream {
  readonly peers: Peer[] = [];
  readonly #waiters = new Set<() => void>();

  private constructor(
    readonly server: Server,
    readonly port: number,
  ) {
    server.on('connection', (socket) => {
      this.peers.push(new Peer(socket));
      for (const waiter of [...this.#waiters]) waiter();
    });
  }

  static async start(): Promise<Upstream> {
    const server = createServer({ allowHalfOpen: true });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return new Upstream(server, address.port);
  }

  /** Resolves with the `index`-th connection accepted (0-based) once it has been. */
  connection(index: number): Promise<Peer> {
    return new Promise((resolve) => {
      const check = (): void => {
        const peer = this.peers[index];
        if (peer === undefined) return;
        this.#waiters.delete(check);
        resolve(peer);
      };
      this.#waiters.add(check);
      check();
    });
  }

  close(): Promise<void> {
    for (const peer of this.peers) peer.socket.destroy();
    return new Promise((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}
