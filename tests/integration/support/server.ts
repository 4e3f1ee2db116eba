import { createApp } from '../../../server/app.ts';
import type { TandemApp } from '../../../server/app.ts';
import { createLogger } from '../../../server/log.ts';
import { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import type { RoomStore } from '../../../server/store/room-store.ts';

/** A hand-moved clock: the server reads time only through it, so tests never wait for time. */
export class TestClock {
  #now: number;

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface ServerOptions<S extends RoomStore = MemoryRoomStore> {
  readonly sweepIntervalMs?: number;
  /** Capture the server's log lines (at debug level) instead of discarding them. */
  readonly captureLogs?: boolean;
  /** The store behind the server: a fresh memory store unless given (a faulty one, say). */
  readonly store?: S;
  /** A fixed port, for the same address again after a restart; an ephemeral one unless given. */
  readonly port?: number;
}

/** One real Tandem server on 127.0.0.1, backed by an inspectable store (a memory store by default). */
export interface TestServer<S extends RoomStore = MemoryRoomStore> {
  readonly app: TandemApp;
  readonly store: S;
  readonly clock: TestClock;
  readonly roomTtlMs: number;
  readonly port: number;
  readonly url: string;
  /** Every log line written, when started with `captureLogs`. */
  readonly logLines: readonly string[];
  close(): Promise<void>;
}

/** Idle time after which a room is gone: long, since only the expiry tests move the clock. */
const TEST_ROOM_TTL_MS = 72 * 60 * 60 * 1000;

export async function startServer<S extends RoomStore = MemoryRoomStore>(
  options: ServerOptions<S> = {},
): Promise<TestServer<S>> {
  // Without a store, S is its default: a memory store.
  const store = options.store ?? (new MemoryRoomStore() as RoomStore as S);
  const clock = new TestClock();
  const roomTtlMs = TEST_ROOM_TTL_MS;
  const logLines: string[] = [];
  const logger =
    options.captureLogs === true
      ? createLogger('debug', (line) => {
          logLines.push(line);
        })
      : undefined;
  const app = createApp(
    { store, now: clock.now, ...(logger === undefined ? {} : { logger }) },
    {
      staticDir: null,
      roomTtlMs,
      ...(options.sweepIntervalMs === undefined
        ? {}
        : { sweepIntervalMs: options.sweepIntervalMs }),
    },
  );
  const { port } = await app.listen(options.port ?? 0, '127.0.0.1');
  let closed: Promise<void> | null = null;
  return {
    app,
    store,
    clock,
    roomTtlMs,
    port,
    url: `http://127.0.0.1:${String(port)}`,
    logLines,
    close: () => (closed ??= app.close()),
  };
}
