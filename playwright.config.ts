import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests drive the production build (run `npm run build` first; `npm test` does) in
 * Chromium. A system Chromium is used when there is one (Debian's package here, since browser
 * downloads are not possible); elsewhere Playwright's own browser.
 */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) =>
  existsSync(path),
);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // One spec file at a time: the run is bound by the CPU (two Chromium pages and a server per
  // test), so two workers on two cores took as long and slowed each test twofold (measured).
  // E2E_WORKERS=2 on a larger machine.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  forbidOnly: process.env.CI === 'true',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
    // A phone's layout in CSS pixels at one device pixel each: what the tests measure is the same,
    // and every frame and screenshot costs a seventh of Pixel 7's 2.625× (the run's time budget).
    deviceScaleFactor: 1,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The production build registers a service worker; most specs must not depend on what it has
    // cached from an earlier test, so it is blocked unless a spec opts in (install.spec.ts).
    serviceWorkers: 'block',
    launchOptions: {
      ...(SYSTEM_CHROMIUM === undefined ? {} : { executablePath: SYSTEM_CHROMIUM }),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // A page the offline-shell tests serve from a Playwright route has no address, so
        // Chromium counts it as public and blocks its WebSocket to the loopback server.
        '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets',
      ],
    },
  },
});
