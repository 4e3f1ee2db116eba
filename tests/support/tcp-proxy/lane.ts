import type { Socket } from 'node:net';

/** How a connection is cut: a reset (RST), or a clean close (FIN). */
export type CutMode = 'reset' | 'fin';

/** Bytes one direction of one connection may hold before it stops reading (TCP pushes back). */
export const MAX_HELD_BYTES_PER_LANE = 1024 * 1024;

/** What travels through a lane: bytes, or the way its source closed. */
type LaneItem =
  | { readonly kind: 'data'; readonly chunk: Buffer; readonly dueAt: number }
  | { readonly kind: 'end'; readonly dueAt: number }
  | { readonly kind: 'reset'; readonly dueAt: number };

/** What every lane consults before forwarding: the network's state as the proxy sets it. */
export interface Network {
  stalled(): boolean;
  latencyMs(): number;
  changed(): void;
}

/**
 * One direction of one connection: an ordered queue from `source` to `sink`. Items leave after
 * the network's latency, never while it is stalled or before the sink exists.
 */
export class Lane {
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

export function destroy(socket: Socket, mode: CutMode): void {
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
