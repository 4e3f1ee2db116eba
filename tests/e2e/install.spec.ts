import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import {
  checkForUpdate,
  controlledBySw,
  controllerVersion,
  pngSize,
  deployableServer,
} from './support/pwa.ts';
import { pairedRoom, screenshot, signalButton } from './support/room.ts';

// These tests are about the service worker itself (blocked for the other specs).
test.use({ serviceWorkers: 'allow' });

const reloadToUpdate = (page: Page) => page.getByRole('button', { name: 'Reload to update' });

test('the app is installable: a manifest with neutral names, and icons of the sizes it says', async ({
  openPhone,
}) => {
  const { page } = await openPhone();
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const response = await page.request.get(href ?? '');
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  expect(response.headers()['cache-control']).toBe('no-cache');
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    description: string;
    display: string;
    start_url: string;
    scope: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({
    name: 'Tandem',
    short_name: 'Tandem',
    display: 'standalone',
    start_url: '/',
    scope: '/',
    theme_color: '#111318',
    background_color: '#111318',
  });
  expect(manifest.description).toBe('A private check-in for two.');
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);

  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  await expect(page.locator('meta[name="apple-mobile-web-app-title"]')).toHaveAttribute(
    'content',
    'Tandem',
  );
  const icons = [
    ...manifest.icons.map((icon) => ({ src: icon.src, sizes: icon.sizes })),
    { src: apple ?? '', sizes: '180x180' },
  ];
  for (const icon of icons) {
    const image = await page.request.get(icon.src);
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()['content-type']).toBe('image/png');
    const size = pngSize(await image.body());
    expect(size && `${String(size.width)}x${String(size.height)}`, icon.src).toBe(icon.sizes);
  }

  // The worker is always revalidated, so a deploy reaches installed apps.
  const worker = await page.request.get('/sw.js');
  expect(worker.headers()['cache-control']).toBe('no-cache');
});

test('the service worker takes control, and the start screen opens offline', async ({
  openPhone,
}) => {
  const { context, page } = await openPhone();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start a room' })).toBeVisible();
  await controlledBySw(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Start a room' })).toBeVisible();
  // Any other address of the app opens the shell too (navigation fallback).
  await page.goto('/some/where');
  await expect(page.getByRole('button', { name: 'Start a room' })).toBeVisible();
  // The quick-exit page is there offline as well.
  await page.goto('/blank.html');
  await expect(page).toHaveTitle('New page');
});

test('a known room opens offline: the room with its Pause button, reconnecting', async ({
  openPhone,
}) => {
  const { b } = await pairedRoom(openPhone);
  await controlledBySw(b.page);

  await b.context.setOffline(true);
  await b.page.reload();
  await expect(b.page.getByRole('heading', { name: 'Reconnecting…' })).toBeVisible();
  await expect(signalButton(b.page, 'Pause')).toBeEnabled();
  await expect(b.page.getByText('You are offline — check in out loud')).toBeVisible();
  await screenshot(b.page, 'pwa-offline-room');
});

/** The update test deploys a new worker, so it gets a server and a build copy of its own. */
type Deployable = Awaited<ReturnType<typeof deployableServer>>;
const withDeploy = test.extend<{ deployable: Deployable }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
  deployable: async ({}, use) => {
    const deployable = await deployableServer();
    await use(deployable);
    await deployable.stop();
  },
  baseURL: async ({ deployable }, use) => {
    await use(deployable.url);
  },
});

withDeploy(
  'a new version is offered as "Reload to update", never while an alert shows, and a tap reloads into it',
  async ({ openPhone, deployable }) => {
    // Two phones, a server of its own and two worker installs: more than the usual minute.
    withDeploy.slow();
    const { a, b } = await pairedRoom(openPhone);
    await controlledBySw(b.page);

    // A's Pause is showing on B when B's phone learns of a new version.
    await signalButton(a.page, 'Pause').click();
    const alert = b.page.getByRole('alert');
    await expect(alert).toContainText('Pause');
    deployable.deployWorker('v2');
    await checkForUpdate(b.page);
    await expect
      .poll(() =>
        b.page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.waiting?.state;
        }),
      )
      .toBe('installed');
    // The banner's chunk has been loaded (register.ts); with the alert up, it stays away.
    await expect(reloadToUpdate(b.page)).toHaveCount(0);

    await alert.getByRole('button', { name: 'Got it' }).click();
    await expect(reloadToUpdate(b.page)).toBeVisible();
    await expect(signalButton(b.page, 'Pause')).toBeVisible();
    await screenshot(b.page, 'pwa-update-banner-390');
    await b.page.setViewportSize({ width: 320, height: 640 });
    await screenshot(b.page, 'pwa-update-banner-320');
    // The banner covers neither the quick exit nor the signal dock.
    await expect(b.page.getByRole('button', { name: 'Quick exit' })).toBeInViewport();
    await signalButton(b.page, 'Pause').scrollIntoViewIfNeeded();

    // Marks this document, to tell that the tap really reloaded the page.
    await b.page.evaluate(() => {
      (window as unknown as { beforeUpdate?: boolean }).beforeUpdate = true;
    });
    const reloaded = b.page.waitForEvent('load');
    await reloadToUpdate(b.page).click();
    await reloaded;
    expect(
      await b.page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate),
    ).toBeUndefined();
    await expect(signalButton(b.page, 'Pause')).toBeVisible();
    await controlledBySw(b.page);
    expect(await controllerVersion(b.page)).toBe('v2');
    await expect(reloadToUpdate(b.page)).toHaveCount(0);
  },
);

withDeploy(
  'a phone older than its server says "Tandem was updated — reload", and Reload brings the new version with the room intact',
  async ({ openPhone, deployable }) => {
    withDeploy.slow();
    const { a, b } = await pairedRoom(openPhone);
    await controlledBySw(b.page);

    // The server now runs a newer build: its worker is deployed, and (as a server of another
    // protocol would) it answers B's next join with protocol_mismatch, until B has reloaded.
    deployable.deployWorker('v2');
    let serverIsNewer = true;
    await b.page.routeWebSocket(/\/socket\.io\//, (socket) => {
      const server = socket.connectToServer();
      const joins = new Set<string>();
      socket.onMessage((message) => {
        const join = /^42(\d+)\["room:join"/.exec(String(message));
        if (join?.[1] !== undefined) joins.add(join[1]);
        server.send(message);
      });
      server.onMessage((message) => {
        const reply = /^43(\d+)/.exec(String(message));
        if (serverIsNewer && reply?.[1] !== undefined && joins.has(reply[1])) {
          socket.send(`43${reply[1]}[{"ok":false,"error":{"code":"protocol_mismatch"}}]`);
          return;
        }
        socket.send(message);
      });
    });
    await b.page.reload();
    await expect(
      b.page.getByRole('heading', { name: 'Tandem was updated — reload' }),
    ).toBeVisible();
    await screenshot(b.page, 'outdated-390');

    serverIsNewer = false;
    const reloaded = b.page.waitForEvent('load');
    await b.page.getByRole('button', { name: 'Reload', exact: true }).click();
    await reloaded;
    // The reload went through the new worker, and the room, seat and all, is as it was.
    await controlledBySw(b.page);
    expect(await controllerVersion(b.page)).toBe('v2');
    await expect(b.page.getByText('Your partner is here')).toBeVisible();
    await signalButton(b.page, 'Pause').click();
    await expect(a.page.getByRole('alert')).toContainText('Pause');
  },
);
