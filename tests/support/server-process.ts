import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One JSON log line of the server (server/log.ts). */
export type LogRecord = Record<string, unknown> & { readonly msg?: unknown };

/** A server process as started, before (or without ever) listening. */
export interface SpawnedServer {
  /** Resolves once it logs `listening`; rejects, with its stderr, if it exits first. */
  readonly listening: Promise<{ readonly url: string; readonly port: number }>;
  readonly exited: Promise<Exit>;
  /** Every stdout line so far, in order. */
  readonly stdoutLines: readonly string[];
  /** All of stderr so far. */
  stderrText(): string;
  /** Resolves with the next log record (after this call) that satisfies `predicate`. */
  nextRecord(predicate: (record: LogRecord) => boolean): Promise<LogRecord>;
  kill(signal: NodeJS.Signals): void;
}

export interface ServerProcess extends SpawnedServer {
  readonly url: string;
  readonly port: number;
}

/**
 * The real entry point (`node --import tsx server/main.ts`) as a child process on loopback, with a
 * free port and the socket only, unless `env` says otherwise.
 */
export function spawnServer(env: Record<string, string>): SpawnedServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SERVE_CLIENT: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  const watchers = new Set<(record: LogRecord) => void>();
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const listening = new Promise<{ url: string; port: number }>((resolve, reject) => {
    const onRecord = (record: LogRecord) => {
      if (record.msg !== 'listening' || typeof record.url !== 'string') return;
      watchers.delete(onRecord);
      resolve({ url: record.url, port: Number(new URL(record.url).port) });
    };
    watchers.add(onRecord);
    void exited.then((exit) => {
      reject(new Error(`server exited (${JSON.stringify(exit)}) before listening: ${stderr}`));
    });
  });
  // A start that fails is read through `exited`; nobody need await `listening` then.
  listening.catch(() => undefined);
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdoutLines.push(line);
    const record = parseRecord(line);
    if (record !== null) for (const watcher of [...watchers]) watcher(record);
  });
  return {
    listening,
    exited,
    stdoutLines,
    stderrText: () => stderr,
    nextRecord: (predicate) =>
      new Promise((resolve) => {
        const watcher = (record: LogRecord) => {
          if (!predicate(record)) return;
          watchers.delete(watcher);
          resolve(record);
        };
        watchers.add(watcher);
      }),
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

function parseRecord(line: string): LogRecord | null {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as LogRecord) : null;
  } catch {
    return null;
  }
}

/**
 * Starts and stops server processes for a test file: each test's processes are killed (SIGKILL)
 * after it, whatever happened, and waited for. Call once at the top level of a test file.
 */
export function useServerProcesses() {
  const spawned: SpawnedServer[] = [];

  afterEach(async () => {
    const all = spawned.splice(0);
    for (const server of all) server.kill('SIGKILL');
    await Promise.all(all.map((server) => server.exited));
  });

  return {
    /** A process that may fail to start: read its `exited` and `stderrText`. */
    spawn(env: Record<string, string>): SpawnedServer {
      const server = spawnServer(env);
      spawned.push(server);
      return server;
    },

    /** A process that is listening. */
    async start(env: Record<string, string>): Promise<ServerProcess> {
      const server = this.spawn(env);
      return { ...server, ...(await server.listening) };
    },
  };
}
