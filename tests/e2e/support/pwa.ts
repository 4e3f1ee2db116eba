import type { Page } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProductionServer, temporaryDataDir } from './server.ts';

/** The client build, as the shared test server serves it. */
const BUILD = path.resolve('dist/client');

/** Resolves once a service worker controls `page` (the first one claims the page it came from). */
export async function controlledBySw(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Width and height from a PNG's header (IHDR), or null for anything that is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * A copy of the client build served by a server of its own, so a test can deploy a new version
 * of the worker: Playwright's routes do not reach the browser's own update check of sw.js.
 */
export async function deployableServer(): Promise<{
  readonly url: string;
  /** Changes sw.js as a deploy would: a listener answering "which version?" with `version`. */
  deployWorker(version: string): void;
  stop(): Promise<void>;
}> {
  const build = mkdtempSync(path.join(tmpdir(), 'tandem-build-'));
  cpSync(BUILD, build, { recursive: true });
  const data = temporaryDataDir();
  const server = await startProductionServer({ dataDir: data.dir, staticDir: build });
  return {
    url: server.url,
    deployWorker: (version) => {
      appendFileSync(
        path.join(build, 'sw.js'),
        `
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'TEST_VERSION') event.ports[0].postMessage(${JSON.stringify(version)});
});
`,
      );
    },
    stop: async () => {
      await server.stop();
      data.remove();
      rmSync(build, { recursive: true, force: true });
    },
  };
}

/** Asks the browser to look for a new worker now (as it does on a navigation, or a return). */
export async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

/** The version the controlling worker answers with (serveNewWorker's), asked over a channel. */
export function controllerVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const controller = navigator.serviceWorker.controller;
        if (controller === null) {
          reject(new Error('no controller'));
          return;
        }
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => {
          resolve(String(event.data));
        };
        controller.postMessage({ type: 'TEST_VERSION' }, [channel.port2]);
      }),
  );
}
