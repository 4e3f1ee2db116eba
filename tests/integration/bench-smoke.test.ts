import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<ReturnType<typeof spawn>>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** `npm run bench` itself (the production build, a baseline relay, load processes), tiny. */
function runBench(args: readonly string[]): Promise<Finished> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run bench (smoke: 5 rooms, 10 signals/s, 2 s; no timing is asserted)', () => {
  it('runs against the server and the baseline, storm included, and ends with its JSON line: nothing lost, no errors', async () => {
    const run = await runBench([
      '--rooms',
      '5',
      '--rate',
      '10',
      '--seconds',
      '2',
      '--loaders',
      '1',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    const figures = JSON.parse(last) as Record<string, unknown>;
    expect(figures).toMatchObject({ rooms: 5, signalsPerSec: 10, errors: 0, lost: 0 });
    for (const key of ['p50Ms', 'p99Ms', 'baselineP50Ms', 'baselineP99Ms', 'reconnectStormS']) {
      expect(typeof figures[key]).toBe('number');
    }
    expect(run.stdout).toContain('signals sent');
  }, 180_000);
});
