// The moving parts of `npm run bench:client`: the production server on loopback, a real invite
// link as a partner receives it, and one Lighthouse run reduced to the figures printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';

// The production server for the client bench: the built entry point on a free loopback port with
// its SQLite file in a fresh temporary directory (as tests/e2e/support/server.ts starts it).

export const SERVER_ENTRY = 'dist/server/server/main.js';

/**
 * Starts the server; resolves once it logs that it listens.
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startServer() {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: build first`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-'));
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  /** @returns {Promise<void>} */
  const stop = () =>
    new Promise((resolve) => {
      const done = () => {
        rmSync(dataDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) {
        done();
        return;
      }
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  try {
    const url = await /** @type {Promise<string>} */ (
      new Promise((resolve, reject) => {
        child.once('exit', (code) => {
          reject(new Error(`server exited with ${String(code)}`));
        });
        createInterface({ input: child.stdout }).on('line', (line) => {
          try {
            /** @type {unknown} */
            const record = JSON.parse(line);
            if (
              typeof record === 'object' &&
              record !== null &&
              'msg' in record &&
              record.msg === 'listening' &&
              'url' in record &&
              typeof record.url === 'string'
            )
              resolve(record.url);
          } catch {
            // Not a log record.
          }
        });
      })
    );
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
// A real invite link, made as a couple makes one: a phone opens the start page and taps "Start a
// room"; the link its invite shows is what the partner receives. That phone stays in the room
// (waiting, as its owner would) until `close`, so the partner measured joins a room in use.

/**
 * @param {string} origin the server's URL
 * @param {string} executablePath the Chromium to drive
 * @returns {Promise<{ link: string, close: () => Promise<void> }>}
 */
export async function openRoomAndReadInvite(origin, executablePath) {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(origin);
    await page.getByRole('button', { name: 'Start a room' }).click();
    const field = page.locator('#invite-link');
    await field.waitFor({ timeout: 20_000 });
    const link = await field.inputValue();
    if (!link.startsWith(`${origin}/#`)) throw new Error(`unexpected invite link ${link}`);
    return { link, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
// One Lighthouse run (mobile form factor, Lighthouse's default simulated throttling) of one page
// in an already launched Chrome, reduced to the figures the bench prints.

/** @typedef {{ performance: number | null, accessibility: number | null, bestPractices: number | null, fcpMs: number | null, lcpMs: number | null, tbtMs: number | null, cls: number | null, benchmarkIndex: number | null, failing: string[] }} PageFigures */

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/**
 * @param {string} url
 * @param {number} port Chrome's remote-debugging port
 * @param {string | undefined} reportPath where to keep the whole report (JSON), if anywhere
 * @returns {Promise<PageFigures>}
 */
export async function lighthousePage(url, port, reportPath) {
  const result = await lighthouse(url, {
    port,
    logLevel: 'error',
    output: 'json',
    onlyCategories: CATEGORIES,
    maxWaitForLoad: 45_000,
  });
  if (result === undefined) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (reportPath !== undefined) {
    mkdirSync(path.dirname(path.resolve(reportPath)), { recursive: true });
    writeFileSync(path.resolve(reportPath), JSON.stringify(result.lhr));
  }
  const { categories, audits, runtimeError } = result.lhr;
  if (runtimeError !== undefined) throw new Error(`Lighthouse: ${runtimeError.message}`);
  /** @param {string} id */
  const score = (id) => {
    const value = categories[id]?.score;
    return typeof value === 'number' ? Math.round(value * 100) : null;
  };
  /** @param {string} id */
  const numeric = (id) => {
    const value = audits[id]?.numericValue;
    return typeof value === 'number' ? Math.round(value * 1000) / 1000 : null;
  };
  // Audits that cost points, so a score under 100 says why.
  const failing = CATEGORIES.flatMap((id) => categories[id]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 0.9)
    .map((audit) => `${audit?.id ?? '?'} (${String(audit?.score)})`);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcpMs: numeric('first-contentful-paint'),
    lcpMs: numeric('largest-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    // Lighthouse's measure of this machine's speed: the simulation scales observed CPU time, so a
    // busy host reads slower than the page is.
    benchmarkIndex: result.lhr.environment.benchmarkIndex,
    failing,
  };
}

/**
 * The run with the median performance score of several (Lighthouse varies from run to run).
 * @param {PageFigures[]} runs at least one
 * @returns {PageFigures}
 */
export function medianRun(runs) {
  const sorted = [...runs].sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0));
  const median = sorted[Math.floor(sorted.length / 2)];
  if (median === undefined) throw new Error('no Lighthouse run');
  return median;
}
