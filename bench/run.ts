// `npm run bench`: how fast a signal travels through the production server and how many rooms one
// process holds, beside a bare socket.io relay measured in the same run under the same load; then
// a reconnect storm (SIGKILL and restart with every room connected). See README "Benchmarks".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from './options.ts';
import { readOptions } from './options.ts';
import type { Loader, Watched } from './processes.ts';
import {
  REPO_ROOT,
  SERVER_ENTRY,
  freePort,
  startLoader,
  startRelay,
  startServer,
} from './processes.ts';
import type { Measured, StormResult } from './report.ts';
import { describeRun, finalLine, measuredFrom } from './report.ts';

const options = (() => {
  const result = readOptions(process.argv.slice(2));
  if (result.ok) return result.options;
  process.stderr.write(`bench: ${result.problems.join('; ')}\n`);
  process.exit(1);
})();

/** Undone on the way out, last first: processes, then the temporary directory. */
const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
};
// Bounded in time whatever happens: opening, sending, draining and the storm, with room to spare.
const DEADLINE_MS = (240 + 4 * options.seconds + Math.ceil(options.rooms / 10)) * 1000;
const deadline = setTimeout(() => {
  process.stderr.write(`bench: gave up after ${String(DEADLINE_MS / 1000)} s\n`);
  void cleanUp().finally(() => process.exit(1));
}, DEADLINE_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

/** Splits `total` into `parts` whole shares that differ by one at most. */
const shares = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, index) => Math.floor((total + index) / parts));

function startLoaders(count: number): Loader[] {
  const loaders = Array.from({ length: count }, startLoader);
  cleanups.push(() => {
    for (const loader of loaders) loader.close();
    return Promise.resolve();
  });
  return loaders;
}

/** Opens the rooms on `target`, sends the signals, and measures the target from outside. */
async function measure(name: string, target: Watched, loaders: Loader[]): Promise<Measured> {
  const rooms = shares(options.rooms, loaders.length);
  const rssIdleKB = target.rssKB();
  const cpuStart = target.cpuSeconds();
  const openStart = performance.now();
  const opened = await Promise.all(
    loaders.map((loader, index) =>
      loader.ask({ type: 'open', url: target.url, rooms: rooms[index] ?? 0 }),
    ),
  );
  const openS = (performance.now() - openStart) / 1000;
  const cpuOpened = target.cpuSeconds();
  const rssOpenKB = target.rssKB();
  process.stdout.write(`${name}: ${String(options.rooms)} rooms open in ${openS.toFixed(1)} s\n`);
  const sent = await Promise.all(
    loaders.map((loader, index) =>
      loader.ask({
        type: 'send',
        rate: (options.signalsPerSec * (rooms[index] ?? 0)) / options.rooms,
        seconds: options.seconds,
      }),
    ),
  );
  process.stdout.write(`${name}: signals sent\n`);
  return measuredFrom({
    opened,
    sent,
    openS,
    rssIdleKB,
    rssOpenKB,
    rssAfterKB: target.rssKB(),
    cpuOpenS: cpuOpened - cpuStart,
    cpuSendS: target.cpuSeconds() - cpuOpened,
    rooms: options.rooms,
  });
}

/**
 * With the rooms open: each room's second phone drops off, the first sends a few signals (stored
 * durably, acknowledged), then the server is SIGKILLed and started again on the same port and
 * data. Timed from the kill until every phone has rejoined and holds everything it missed.
 */
async function reconnectStorm(
  server: Watched,
  loaders: Loader[],
  restart: () => Promise<Watched>,
): Promise<StormResult> {
  const ready = await Promise.all(
    loaders.map((loader) => loader.ask({ type: 'prepare-storm', signals: options.stormSignals })),
  );
  process.stdout.write('storm: every room has its signals stored; SIGKILL\n');
  const killedAt = performance.now();
  await server.kill();
  const caughtUp = Promise.all(loaders.map((loader) => loader.ask({ type: 'storm' })));
  const restarted = await restart();
  const listeningS = (performance.now() - killedAt) / 1000;
  const reports = await caughtUp;
  const seconds = (performance.now() - killedAt) / 1000;
  return {
    seconds,
    cpuS: restarted.cpuSeconds(),
    listeningS,
    restarted,
    firstError: ready
      .map((report) => (report.type === 'storm-ready' ? report.firstError : ''))
      .join(' ')
      .trim(),
    errors: ready.reduce(
      (sum, report) => sum + (report.type === 'storm-ready' ? report.errors : 0),
      0,
    ),
    rejoins: reports.reduce(
      (sum, report) => sum + (report.type === 'caught-up' ? report.rejoins : 0),
      0,
    ),
    replayed: reports.reduce(
      (sum, report) => sum + (report.type === 'caught-up' ? report.replayed : 0),
      0,
    ),
  };
}

function ensureBuild(): void {
  if (existsSync(SERVER_ENTRY)) return;
  process.stdout.write('no server build: running npm run build\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/**
 * The same against three processes on Redis when REDIS_URL is set. HOOK: the Redis mode ("Scale
 * out") is not in this build yet; once main has it, start three servers on one REDIS_URL here,
 * spread the loaders over them and call measure() for each.
 */
function redisRun(): void {
  if (process.env.REDIS_URL === undefined || process.env.REDIS_URL === '') return;
  process.stdout.write('REDIS_URL is set, but the Redis mode is not in this build: not run yet\n');
}

async function main(settings: BenchOptions): Promise<void> {
  ensureBuild();
  const workDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'));
  cleanups.push(() => {
    rmSync(workDir, { recursive: true, force: true });
    return Promise.resolve();
  });
  process.stdout.write(
    `bench: ${String(settings.rooms)} rooms, ${String(settings.signalsPerSec)} signals/s for ` +
      `${String(settings.seconds)} s, ${String(settings.loaders)} load processes, ` +
      `load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}\n`,
  );

  let baseline: Measured | null = null;
  if (settings.baseline) {
    const relay = await startRelay(await freePort());
    cleanups.push(() => relay.kill());
    const loaders = startLoaders(settings.loaders);
    baseline = await measure('baseline', relay, loaders);
    for (const loader of loaders) loader.close();
    await relay.stop();
  }

  const port = await freePort();
  const serverSettings = {
    port,
    dataDir: path.join(workDir, 'data'),
    cpuProfileDir: settings.cpuProfileDir,
  };
  let server = await startServer(serverSettings);
  cleanups.push(() => server.kill());
  const loaders = startLoaders(settings.loaders);
  const ours = await measure('tandem', server, loaders);

  let storm: StormResult | null = null;
  // A SIGKILLed process writes no CPU profile: with --cpu-prof, the profile written is the
  // restarted server's (the storm); --skip-storm profiles the signals instead.
  if (settings.storm) {
    storm = await reconnectStorm(server, loaders, () => startServer(serverSettings));
    server = storm.restarted;
  }
  redisRun();
  for (const loader of loaders) loader.close();
  await server.stop();

  for (const line of describeRun(settings, ours, baseline, storm))
    process.stdout.write(`${line}\n`);
  process.stdout.write(`${JSON.stringify(finalLine(settings, ours, baseline, storm))}\n`);
}

main(options)
  .then(async () => {
    clearTimeout(deadline);
    await cleanUp();
  })
  .catch(async (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    clearTimeout(deadline);
    await cleanUp();
    process.exit(1);
  });
