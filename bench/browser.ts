// `npm run bench:browser`: a tap on one phone to the alert on the other, in real Chromium, on the
// production server (serving its built client) and on the bare relay's page (relay.ts), median of
// 20 taps each. Both phones are pages of one browser on this machine, so the tap and the alert are
// timed on one clock: performance.timeOrigin + performance.now() (sub-millisecond, and the same
// origin-independent timeline in every page of one browser). The alert is timed when it enters
// the page (a MutationObserver: before the frame that paints it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import type { Watched } from './processes.ts';
import { REPO_ROOT, freePort, startRelay, startServer } from './processes.ts';
import { median, round2 } from './stats.ts';

const TAPS = 20;
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) =>
  existsSync(file),
);
/** As playwright.config.ts launches it. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WAIT_MS = 20_000;

/** What to stop on the way out, last started first. */
const stops: (() => Promise<unknown>)[] = [];
const stopAll = async () => {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
};

/** Arms page `to` to note when its next alert appears, taps `tap` on `from`; both times, ms. */
async function timeTap(from: Page, to: Page, tap: () => Promise<void>): Promise<number> {
  await to.evaluate(() => {
    const record = window as unknown as { alertAt?: number };
    delete record.alertAt;
    const observer = new MutationObserver(() => {
      if (document.querySelector('[role="alert"]') === null) return;
      record.alertAt = performance.timeOrigin + performance.now();
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await from.evaluate(() => {
    // Capture phase on the window: the moment the tap reaches the page, before any handler.
    window.addEventListener(
      'click',
      () => {
        (window as unknown as { tapAt?: number }).tapAt =
          performance.timeOrigin + performance.now();
      },
      { capture: true, once: true },
    );
  });
  await tap();
  await to.waitForFunction(
    () => (window as unknown as { alertAt?: number }).alertAt !== undefined,
    null,
    {
      timeout: WAIT_MS,
    },
  );
  const alertAt = await to.evaluate(() => (window as unknown as { alertAt?: number }).alertAt ?? 0);
  const tapAt = await from.evaluate(() => (window as unknown as { tapAt?: number }).tapAt ?? 0);
  return alertAt - tapAt;
}

async function twoPhones(browser: Browser): Promise<[Page, Page]> {
  const viewport = { width: 390, height: 844 };
  const contexts = await Promise.all([
    browser.newContext({ viewport }),
    browser.newContext({ viewport }),
  ]);
  return Promise.all(contexts.map((context) => context.newPage())) as Promise<[Page, Page]>;
}

async function tandemTaps(browser: Browser, server: Watched): Promise<number[]> {
  const [a, b] = await twoPhones(browser);
  await a.goto(server.url);
  await a.getByRole('button', { name: 'Start a room' }).click();
  const field = a.locator('#invite-link');
  await field.waitFor({ timeout: WAIT_MS });
  await b.goto(await field.inputValue());
  await a.getByText('Your partner is here').waitFor({ timeout: WAIT_MS });
  await b.getByText('Your partner is here').waitFor({ timeout: WAIT_MS });
  const pause = a.locator('footer.dock').getByRole('button', { name: 'Pause', exact: true });
  const taps: number[] = [];
  for (let n = 0; n < TAPS; n += 1) {
    taps.push(await timeTap(a, b, () => pause.click()));
    await b.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
    await b.getByRole('alert').waitFor({ state: 'detached', timeout: WAIT_MS });
  }
  return taps;
}

async function relayTaps(browser: Browser, relay: Watched): Promise<number[]> {
  const [a, b] = await twoPhones(browser);
  const link = `${relay.url}/#${String(Date.now())}`;
  for (const page of [a, b]) {
    await page.goto(link);
    await page.waitForFunction(() => document.body.dataset.joined === 'yes', null, {
      timeout: WAIT_MS,
    });
  }
  const taps: number[] = [];
  for (let n = 0; n < TAPS; n += 1) {
    taps.push(await timeTap(a, b, () => a.locator('#pause').click()));
    await b.evaluate(() => {
      for (const alert of document.querySelectorAll('[role="alert"]')) alert.remove();
    });
  }
  return taps;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(REPO_ROOT, 'dist/client/index.html'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-browser-'));
  stops.push(() => {
    rmSync(dataDir, { recursive: true, force: true });
    return Promise.resolve();
  });
  try {
    const server = await startServer({
      port: await freePort(),
      dataDir,
      cpuProfileDir: null,
      serveClient: true,
    });
    stops.push(() => server.stop());
    const relay = await startRelay(await freePort());
    stops.push(() => relay.stop());
    const browser = await chromium.launch({
      ...(CHROMIUM === undefined ? {} : { executablePath: CHROMIUM }),
      args: ARGS,
    });
    stops.push(() => browser.close());
    const tandem = await tandemTaps(browser, server);
    const bare = await relayTaps(browser, relay);
    const figures = {
      taps: TAPS,
      tapToAlertMs: round2(median(tandem)),
      baselineTapToAlertMs: round2(median(bare)),
      differenceMs: round2(median(tandem) - median(bare)),
      loadAverage: round2(loadavg()[0] ?? 0),
    };
    process.stdout.write(
      `tap → alert, median of ${String(TAPS)}: Tandem ${String(figures.tapToAlertMs)} ms, ` +
        `bare relay ${String(figures.baselineTapToAlertMs)} ms (goal: within 16 ms of it)\n`,
    );
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await stopAll();
  }
}

const deadline = setTimeout(() => {
  process.stderr.write('bench:browser: gave up after 5 minutes\n');
  void stopAll().finally(() => process.exit(1));
}, 5 * 60_000);
main().then(
  () => {
    clearTimeout(deadline);
  },
  (error: unknown) => {
    process.stderr.write(`bench:browser failed: ${String(error)}\n`);
    process.exit(1);
  },
);
