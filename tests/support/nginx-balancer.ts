import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort } from './redis-server-process.ts';
import { tempDir } from './temp-sqlite.ts';
import type { TempDir } from './temp-sqlite.ts';

/** Debian's nginx. Where it is installed the multi-process test runs behind it. */
export const NGINX_BINARY = '/usr/sbin/nginx';
export const nginxInstalled = (): boolean => existsSync(NGINX_BINARY);

const PROXY_SETTINGS = path.resolve(import.meta.dirname, '../../deploy/tandem-proxy.conf');
/** Bounds the wait for nginx to listen; each attempt waits for a refusal, never a timer. */
const MAX_CONNECT_ATTEMPTS = 500;

/**
 * nginx as the test's load balancer: a non-daemon child with its own prefix, pid file, logs and
 * temp paths in a temp directory, listening on a free loopback port, passing to `targets` with
 * the deployment's own proxy settings (deploy/tandem-proxy.conf, included as it is).
 */
export class NginxBalancer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dir: TempDir,
    private readonly exited: Promise<void>,
  ) {}

  static async start(targets: readonly number[]): Promise<NginxBalancer> {
    const dir = tempDir('tandem-nginx-');
    const port = await freePort();
    for (const sub of ['logs', 'temp']) mkdirSync(path.join(dir.dir, sub), { recursive: true });
    const config = path.join(dir.dir, 'nginx.conf');
    writeFileSync(config, render(dir.dir, port, targets));
    const child = spawn(NGINX_BINARY, ['-p', dir.dir, '-c', config, '-e', 'logs/error.log'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    const state = { exited: false };
    void exited.then(() => {
      state.exited = true;
    });
    for (let attempt = 0; !(await accepts(port)); attempt += 1) {
      if (state.exited || attempt >= MAX_CONNECT_ATTEMPTS) {
        child.kill('SIGKILL');
        dir.remove();
        throw new Error(`nginx did not start: ${stderr}`);
      }
    }
    return new NginxBalancer(port, child, dir, exited);
  }

  get url(): string {
    return `http://127.0.0.1:${String(this.port)}`;
  }

  async close(): Promise<void> {
    // SIGTERM: nginx's fast shutdown, its workers included.
    this.child.kill('SIGTERM');
    await this.exited;
    this.dir.remove();
  }
}

function render(prefix: string, port: number, targets: readonly number[]): string {
  const temp = path.join(prefix, 'temp');
  return `
daemon off;
master_process on;
worker_processes 1;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'logs', 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream tandem {
${targets.map((target) => `    server 127.0.0.1:${String(target)} max_fails=1 fail_timeout=1s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${String(port)};
    location / {
      proxy_pass http://tandem;
      include ${PROXY_SETTINGS};
    }
  }
}
`;
}

/** Whether something accepts a TCP connection on the port now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
