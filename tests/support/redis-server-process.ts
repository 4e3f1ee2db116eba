import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tempDir } from './temp-sqlite.ts';
import type { TempDir } from './temp-sqlite.ts';

/** How long a redis-server of our own may take to start before the test gives up. */
const START_TIMEOUT_MS = 10_000;

/** A free loopback port, as the system hands one out (free again once the probe closes). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A redis-server of the test's own, on loopback, that it may kill and start again (the shared
 * Redis on 6379 is never restarted). Durable as production should run it: the append-only file,
 * fsynced on every write, in a temp directory that outlives restarts until `dispose`.
 */
export class OwnRedisServer {
  #child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly dir: TempDir,
  ) {}

  static async start(): Promise<OwnRedisServer> {
    const server = new OwnRedisServer(await freePort(), tempDir('tandem-redis-'));
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${String(this.port)}`;
  }

  /** Starts it (again) on the same port and directory; resolves once it accepts connections. */
  async restart(): Promise<void> {
    if (this.#child !== null) throw new Error('already running');
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir.dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        finish(new Error(`redis-server did not start in time: ${output}`));
      }, START_TIMEOUT_MS);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        if (error === undefined) resolve();
        else reject(error);
      };
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) finish();
      });
      child.once('exit', (code) => {
        finish(new Error(`redis-server exited (${String(code)}): ${output}`));
      });
    });
  }

  /** Kills it without a word (SIGKILL, as a crash), or with `signal`; resolves once it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (child === null) return;
    this.#child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  /** Pauses (SIGSTOP) or resumes (SIGCONT) it: a Redis that accepts but does not answer. */
  pause(paused: boolean): void {
    this.#child?.kill(paused ? 'SIGSTOP' : 'SIGCONT');
  }

  async dispose(): Promise<void> {
    this.pause(false);
    await this.stop();
    this.dir.remove();
  }
}
