import { createApp } from '../../../server/app.ts';
import type { TandemApp } from '../../../server/app.ts';
import { createLogger } from '../../../server/log.ts';
import { MemoryRoomStore } from '../../../server/store/memory-store.ts';

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

export interface ServerOptions {
  /** Idle time after which a room is gone. Long by default: only the expiry tests move the clock. */
  readonly roomTtlMs?: number;
  readonly sweepIntervalMs?: number;
  readonly clock?: TestClock;
  /** Capture the server's log lines (at debug level) instead of discarding them. */
  readonly captureLogs?: boolean;
}

/** One real Tandem server on 127.0.0.1, an ephemeral port, backed by an inspectable memory store. */
export interface TestServer {
  readonly app: TandemApp;
  readonly store: MemoryRoomStore;
  readonly clock: TestClock;
  readonly roomTtlMs: number;
  readonly url: string;
  /** Every log line written, when started with `captureLogs`. */
  readonly logLines: readonly string[];
  close(): Promise<void>;
}

export const DEFAULT_TEST_TTL_MS = 72 * 60 * 60 * 1000;

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const store = new MemoryRoomStore();
  const clock = options.clock ?? new TestClock();
  const roomTtlMs = options.roomTtlMs ?? DEFAULT_TEST_TTL_MS;
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
  const address = await app.listen(0, '127.0.0.1');
  let closed: Promise<void> | null = null;
  return {
    app,
    store,
    clock,
    roomTtlMs,
    url: `http://127.0.0.1:${address.port}`,
    logLines,
    close: () => (closed ??= app.close()),
  };
}
