// `npm run bench:client`: how fast a phone's first load is. Prints the gzipped JavaScript and CSS
// of the first load (and the lazy chunks apart), then Lighthouse's mobile scores and paint
// figures for the start page and for an invite link as the partner opens it, each beside its
// budget; the last line is all of it as JSON. Uses the existing build (builds if there is none),
// runs the production server on loopback, and stops everything it started. Lighthouse is slow and
// varies from run to run, which is why this is not part of `npm test`; each page's figures are the
// median of BENCH_RUNS runs (3), and Lighthouse scales the CPU time it sees, so run it on an idle
// machine. Exit code: 0 within budget, 2 over it, 1 if it could not measure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import { describeFigures, kb, readBuild } from './bundle-figures.mjs';
import { loadavg } from 'node:os';
import {
  SERVER_ENTRY,
  lighthousePage,
  medianRun,
  openRoomAndReadInvite,
  startServer,
} from './bench-parts.mjs';

const BUDGET = { initialJsKB: 120, performance: 95, accessibility: 100, bestPractices: 100 };
/** Lighthouse runs per page; the median (by performance score) is reported. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/** The whole run, build included, stops after this long. */
const DEADLINE_MS = (3 + RUNS * 2) * 60_000;
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const DIST_CLIENT = path.resolve('dist/client');

/** What to undo on the way out, last started first. @type {(() => Promise<unknown>)[]} */
const cleanups = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((/** @type {unknown} */ error) => {
      console.error('cleanup failed:', error);
    });
  }
};
const deadline = setTimeout(() => {
  console.error(`bench:client: gave up after ${DEADLINE_MS / 1000} s`);
  void cleanUp().finally(() => process.exit(1));
}, DEADLINE_MS);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  if (!existsSync(path.join(DIST_CLIENT, '.vite/manifest.json')) || !existsSync(SERVER_ENTRY)) {
    console.log('no build: running npm run build');
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const figures = readBuild(DIST_CLIENT);
  describeFigures(figures).forEach((line) => {
    console.log(line);
  });
  const initialJsKB = kb(figures.initialJsGzip);
  const initialCssKB = kb(figures.initialCssGzip);
  console.log(`initial JS: ${initialJsKB} KB gzipped (budget ${BUDGET.initialJsKB} KB)`);
  console.log(`initial CSS: ${initialCssKB} KB gzipped`);

  const server = await startServer();
  cleanups.push(server.stop);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: CHROME_FLAGS,
    logLevel: 'error',
  });
  cleanups.push(() => {
    chrome.kill();
    return Promise.resolve();
  });

  // BENCH_REPORT_DIR keeps every run's whole Lighthouse report there, to see what costs points.
  const reportDir = process.env.BENCH_REPORT_DIR;
  /**
   * @param {string} name
   * @param {() => Promise<{ url: string, close: () => Promise<unknown> }>} open the page to measure,
   *   made afresh for every run
   */
  const measure = async (name, open) => {
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) {
      const report =
        reportDir === undefined ? undefined : path.join(reportDir, `${name}-${String(run)}.json`);
      const target = await open();
      try {
        runs.push(await lighthousePage(target.url, chrome.port, report));
      } finally {
        await target.close();
      }
    }
    return medianRun(runs);
  };
  // A first run warms Chrome and the server up; it is not counted.
  await lighthousePage(`${server.url}/`, chrome.port);
  const start = await measure('start', () =>
    Promise.resolve({ url: `${server.url}/`, close: () => Promise.resolve() }),
  );
  // Each run opens the partner's side of a new room: Lighthouse starts every run with empty
  // storage, so a second run on the same link would be a third phone, which the room refuses.
  const invite = await measure('invite', async () => {
    const creator = await openRoomAndReadInvite(server.url, CHROME_PATH);
    return { url: creator.link, close: creator.close };
  });

  const pages = { start, invite };
  for (const [name, page] of Object.entries(pages)) {
    console.log(
      `${name}: performance ${String(page.performance)}, accessibility ${String(page.accessibility)}, ` +
        `best practices ${String(page.bestPractices)}; FCP ${String(page.fcpMs)} ms, ` +
        `LCP ${String(page.lcpMs)} ms, TBT ${String(page.tbtMs)} ms, CLS ${String(page.cls)}` +
        (page.failing.length > 0 ? `; short of full marks: ${page.failing.join(', ')}` : ''),
    );
  }
  const withinBudget =
    initialJsKB <= BUDGET.initialJsKB &&
    Object.values(pages).every(
      (page) =>
        (page.performance ?? 0) >= BUDGET.performance &&
        (page.accessibility ?? 0) >= BUDGET.accessibility &&
        (page.bestPractices ?? 0) >= BUDGET.bestPractices,
    );
  console.log(withinBudget ? 'within budget' : 'OVER BUDGET');
  // Lighthouse scales the CPU time it observes: on a busy machine the scores read low.
  const hostLoad = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  console.log(
    `median of ${RUNS} runs per page; host load ${hostLoad}, benchmark index ${String(start.benchmarkIndex)}`,
  );
  const lazy = [...figures.later.js, ...figures.later.css].map((file) => ({
    file: file.file,
    gzipKB: kb(file.gzip),
  }));
  // Invite links carry a room secret: only the page names go into the summary.
  console.log(
    JSON.stringify({
      initialJsKB,
      initialCssKB,
      lazy,
      pages,
      runs: RUNS,
      hostLoad,
      budget: BUDGET,
      withinBudget,
    }),
  );
  return withinBudget;
}

main()
  .then(async (withinBudget) => {
    await cleanUp();
    clearTimeout(deadline);
    process.exitCode = withinBudget ? 0 : 2;
  })
  .catch(async (/** @type {unknown} */ error) => {
    console.error('bench:client failed:', error);
    await cleanUp();
    clearTimeout(deadline);
    process.exitCode = 1;
  });
