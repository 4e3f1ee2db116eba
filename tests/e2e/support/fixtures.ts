import { test as base, expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startProductionServer, temporaryDataDir } from './server.ts';
import type { RunningServer } from './server.ts';

/** One phone: an isolated browser context (its own storage, so its own seat) and its page. */
export interface Phone {
  readonly context: BrowserContext;
  readonly page: Page;
}

interface Fixtures {
  /** Opens a new phone; every phone is closed when the test ends. */
  openPhone: () => Promise<Phone>;
}

interface WorkerFixtures {
  server: RunningServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
    async ({}, use) => {
      const data = temporaryDataDir();
      const server = await startProductionServer({ dataDir: data.dir });
      await use(server);
      await server.stop();
      data.remove();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  openPhone: async ({ browser, contextOptions, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    // What the page's Content-Security-Policy refused, on any phone: the build must need nothing
    // the policy forbids (its one inline <style> is allowed by hash, server/http/).
    const refused: string[] = [];
    await use(async () => {
      const context = await newPhoneContext(browser, contextOptions, baseURL);
      context.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      contexts.push(context);
      return { context, page: await context.newPage() };
    });
    await Promise.all(contexts.map((context) => context.close()));
    expect(refused, 'nothing refused by the Content-Security-Policy').toEqual([]);
  },
});

async function newPhoneContext(
  browser: Browser,
  options: object,
  baseURL: string | undefined,
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, ...(baseURL ? { baseURL } : {}) });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return context;
}

export { expect };
