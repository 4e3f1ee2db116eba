import { createApp } from '../../../server/app.ts';
import type { TandemApp } from '../../../server/app.ts';
import type { EdgeSettings } from '../../../server/limits/settings.ts';
import type { PushSettings } from '../../../server/push/settings.ts';
import { createLogger } from '../../../server/log.ts';
import type { RoomLifetime } from '../../../server/store/lifetime.ts';
import type { InspectableStore, StoreKind } from './stores.ts';
import { openTestStore } from './stores.ts';

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

export interface ServerOptions<S extends InspectableStore = InspectableStore> {
  readonly sweepIntervalMs?: number;
  /** Capture the server's log lines (at debug level) instead of discarding them. */
  readonly captureLogs?: boolean;
  /** The store behind the server (a faulty one, say); a fresh one of `storeKind` unless given. */
  readonly store?: S;
  /** The kind of fresh store to make when none is given: memory unless given. */
  readonly storeKind?: StoreKind;
  /** A fixed port, for the same address again after a restart; an ephemeral one unless given. */
  readonly port?: number;
  /** A room's maximum age, when a test needs one it can reach. */
  readonly roomMaxAgeMs?: number;
  /** Origins, transports and limits; a permissive edge without limits unless given. */
  readonly edge?: EdgeSettings;
  /** Web Push settings (a local push service's host, say); no push unless given. */
  readonly push?: PushSettings;
}

/** One real Tandem server on 127.0.0.1, backed by an inspectable store. */
export interface TestServer<S extends InspectableStore = InspectableStore> {
  readonly app: TandemApp;
  readonly store: S;
  /** The SQLite file the server's own fresh store writes, or null (memory, or a given store). */
  readonly storeFile: string | null;
  readonly clock: TestClock;
  readonly roomTtlMs: number;
  readonly roomMaxAgeMs: number;
  readonly port: number;
  readonly url: string;
  /** Every log line written, when started with `captureLogs`. */
  readonly logLines: readonly string[];
  close(): Promise<void>;
}

/** Idle time after which a room is gone: long, since only the expiry tests move the clock. */
const TEST_ROOM_TTL_MS = 72 * 60 * 60 * 1000;
const TEST_ROOM_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export async function startServer<S extends InspectableStore = InspectableStore>(
  options: ServerOptions<S> = {},
): Promise<TestServer<S>> {
  // Without a store, S is its default: whatever store of `storeKind` was made here.
  const made = options.store === undefined ? openTestStore(options.storeKind ?? 'memory') : null;
  const store = options.store ?? (made?.store as S);
  const clock = new TestClock();
  const lifetime: RoomLifetime = {
    idleMs: TEST_ROOM_TTL_MS,
    maxAgeMs: options.roomMaxAgeMs ?? TEST_ROOM_MAX_AGE_MS,
  };
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
      lifetime,
      ...(options.sweepIntervalMs === undefined
        ? {}
        : { sweepIntervalMs: options.sweepIntervalMs }),
      ...(options.edge === undefined ? {} : { edge: options.edge }),
      ...(options.push === undefined ? {} : { push: options.push }),
    },
  );
  const { port } = await app.listen(options.port ?? 0, '127.0.0.1');
  let closed: Promise<void> | null = null;
  return {
    app,
    store,
    storeFile: made?.file ?? null,
    clock,
    roomTtlMs: lifetime.idleMs,
    roomMaxAgeMs: lifetime.maxAgeMs,
    port,
    url: `http://127.0.0.1:${String(port)}`,
    logLines,
    close: () =>
      (closed ??= app.close().then(() => {
        made?.dispose();
      })),
  };
}
