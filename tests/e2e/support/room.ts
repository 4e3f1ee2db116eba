import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import type { Phone } from './fixtures.ts';

/** The always-visible signal buttons at the bottom of a room screen. */
export const dock = (page: Page) => page.locator('footer.dock');
export const signalButton = (page: Page, name: 'Pause' | 'Slow down' | 'Check in'): Locator =>
  dock(page).getByRole('button', { name, exact: true });
export const ownSignalStatus = (page: Page) => page.getByTestId('signal-status');

/** Phone A starts a room; returns the invite link it shows. */
export async function startRoom(a: Phone): Promise<string> {
  await a.page.goto('/');
  await screenshot(a.page, 'home');
  await a.page.getByRole('button', { name: 'Start a room' }).click();
  const field = a.page.getByRole('textbox', { name: 'Invite link' });
  await expect(field).toHaveValue(/\/#[A-Za-z0-9_-]{43}$/);
  return field.inputValue();
}

/**
 * A starts a room, B opens the link; both see each other present. `prepareB` runs on B before it
 * opens anything (to route its socket, say).
 */
export async function pairedRoom(
  openPhone: () => Promise<Phone>,
  prepareB: (b: Phone) => Promise<void> = () => Promise.resolve(),
) {
  const a = await openPhone();
  const b = await openPhone();
  await prepareB(b);
  const link = await startRoom(a);
  await b.page.goto(link);
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
  await expect(b.page.getByText('Your partner is here')).toBeVisible();
  return { a, b, link };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/**
 * Fails when the page is wider than the phone's screen: on a small phone (320 px) a screen that
 * scrolls sideways hides part of itself, which a screenshot alone does not show.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(clientWidth);
}

/**
 * Cuts `page` off from the socket server (WebSocket and long-polling), while the page itself still
 * loads. Returns the function that reconnects it.
 */
export async function cutOffFromServer(page: Page): Promise<() => void> {
  let reachable = false;
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    if (reachable) socket.connectToServer();
    else void socket.close();
  });
  await page.route(/\/socket\.io\//, async (route) => {
    if (reachable) await route.continue();
    else await route.abort('connectionrefused');
  });
  return () => {
    reachable = true;
  };
}
