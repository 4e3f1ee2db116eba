import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Lane, destroy } from './lane.ts';
import type { CutMode, Network } from './lane.ts';

/** The proxy listens and connects here only. */
export const LOOPBACK = '127.0.0.1';

/** One proxied connection: the phone's side, and the server's side once it is opened. */
export class Link {
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
