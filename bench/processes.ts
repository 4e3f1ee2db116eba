// The processes the bench runs and watches from outside: the server under test (the production
// build), the baseline relay and the load processes, all on loopback.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import type { Command } from './messages.ts';
import { Report } from './messages.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_ENTRY = path.join(REPO_ROOT, 'dist/server/server/main.js');
const HOST = '127.0.0.1';
/** A server that does not accept connections this long after it was started has failed. */
const START_TIMEOUT_MS = 20_000;

/** A free loopback port: the storm restarts the server on the same one, so it is chosen here. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Resolves once something accepts TCP connections on the port (the server logs at warn only). */
async function acceptsConnections(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited (${String(child.exitCode ?? child.signalCode)}) on start`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, HOST);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${String(port)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface Watched {
  readonly pid: number;
  readonly url: string;
  /** Resident memory now, kilobytes. */
  rssKB(): number;
  /** User + system CPU seconds used so far. */
  cpuSeconds(): number;
  /** SIGTERM (a clean exit writes a CPU profile) and wait; SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a power cut would; resolves once it is gone. */
  kill(): Promise<void>;
}

let clockTicks: number | null = null;
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return clockTicks;
}

function watch(child: ChildProcess, port: number): Watched {
  const pid = child.pid;
  if (pid === undefined) throw new Error('the process did not start');
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    pid,
    url: `http://${HOST}:${String(port)}`,
    rssKB: () => {
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(
        readFileSync(`/proc/${String(pid)}/status`, 'utf8'),
      );
      return Number(match?.[1] ?? 0);
    },
    cpuSeconds: () => {
      // Fields after the command name (which may hold spaces): utime and stime are the 14th and
      // 15th of the whole line, in clock ticks.
      const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface ServerSettings {
  readonly port: number;
  readonly dataDir: string;
  readonly cpuProfileDir: string | null;
  /** Serve the built client too (the browser figure); the socket only otherwise. */
  readonly serveClient?: boolean;
}

/** The production server (`npm run build`'s output) as main.ts runs it, on its SQLite store. */
export async function startServer(settings: ServerSettings): Promise<Watched> {
  const profile =
    settings.cpuProfileDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', settings.cpuProfileDir];
  const child = spawn(process.execPath, [...profile, SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(settings.port),
      HOST,
      STORE: 'sqlite',
      DATA_DIR: settings.dataDir,
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      // The socket only unless asked: the load bench measures signals, not the pages.
      SERVE_CLIENT: settings.serveClient === true ? 'true' : 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await acceptsConnections(settings.port, child);
  return watch(child, settings.port);
}

/** The bare socket.io relay (relay.ts), the baseline. */
export async function startRelay(port: number): Promise<Watched> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'bench/relay.ts')],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  await acceptsConnections(port, child);
  return watch(child, port);
}

/** A load process (load-process.ts), answering one report per command. */
export interface Loader {
  ask(command: Command): Promise<Report>;
  close(): void;
}

export function startLoader(): Loader {
  const child = fork(path.join(REPO_ROOT, 'bench/load-process.ts'), [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: ((report: Report) => void) | null = null;
  let failed: ((error: Error) => void) | null = null;
  child.on('message', (raw: unknown) => {
    const parsed = Report.safeParse(raw);
    if (!parsed.success) failed?.(new Error(`load process said ${JSON.stringify(raw)}`));
    else if (parsed.data.type === 'failed')
      failed?.(new Error(`load process: ${parsed.data.error}`));
    else waiting?.(parsed.data);
  });
  child.once('exit', (code, signal) => {
    failed?.(new Error(`load process exited (${String(code ?? signal)})`));
  });
  return {
    ask: (command) =>
      new Promise((resolve, reject) => {
        waiting = resolve;
        failed = reject;
        child.send(command);
      }),
    close: () => {
      if (child.connected) child.send({ type: 'close' } satisfies Command);
      else child.kill('SIGTERM');
    },
  };
}
