import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const ENTRY = 'dist/server/server/main.js';

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the production server (the built entry point, serving the built client) on a free
 * loopback port and resolves with its URL once it logs that it is listening.
 */
export async function startProductionServer(): Promise<RunningServer> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await listeningUrl(child);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
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
