import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ENTRY = 'dist/server/server/main.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops the process: SIGTERM drains it, SIGKILL is a crash. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export interface ServerOptions {
  /** The port to listen on (a restart reuses its predecessor's); a free one unless given. */
  readonly port?: number;
  /** Where the SQLite file lives; kept across restarts when given. */
  readonly dataDir: string;
  /** The client build to serve (a copy a test may change, as a deploy would); dist/client unless given. */
  readonly staticDir?: string;
  /** More configuration (server/config.ts): a setting under test, or REDIS_URL and REDIS_PREFIX. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A fresh directory for one server's SQLite file, removed by the returned function. */
export function temporaryDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the production server (the built entry point, serving the built client, on its default
 * SQLite store) on a loopback port and resolves with its URL once it logs that it is listening.
 */
export async function startProductionServer(options: ServerOptions): Promise<RunningServer> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: options.dataDir,
      ...(options.staticDir === undefined ? {} : { STATIC_DIR: options.staticDir }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await listeningUrl(child);
  return {
    url,
    port: Number(new URL(url).port),
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) {
      reject(new Error('no stdout'));
      return;
    }
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => reject(new Error(`server exited with ${String(code)}`)));
    lines.on('line', (line) => {
      try {
        const record = JSON.parse(line) as { msg?: unknown; url?: unknown };
        if (record.msg === 'listening' && typeof record.url === 'string') resolve(record.url);
      } catch {
        // Not a log record; ignore.
      }
    });
  });
}
