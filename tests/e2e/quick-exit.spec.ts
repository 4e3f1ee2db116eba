import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { expectNoSidewaysScroll, pairedRoom, screenshot, signalButton } from './support/room.ts';

const quickExit = (page: Page) => page.getByRole('button', { name: 'Quick exit', exact: true });

/** Words that would tell a stranger what the page before it was. */
const GIVEAWAYS = /tandem|room|partner|signal|check|pause|session/i;

async function expectNeutralPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/blank\.html$/);
  expect(await page.title()).not.toMatch(GIVEAWAYS);
  expect(await page.locator('body').innerText()).not.toMatch(GIVEAWAYS);
}

/** A target a thumb can hit: at least 44×44 CSS px, and inside the screen. */
async function expectReachable(page: Page): Promise<void> {
  const button = quickExit(page);
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  expect(box).not.toBeNull();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) return;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  // Nothing else catches the tap at its centre (an alert covers the whole screen).
  const onTop = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x, y)?.textContent ?? null,
    [box.x + box.width / 2, box.y + box.height / 2] as const,
  );
  expect(onTop).toBe('Quick exit');
}

test('the blank page is served by the app server with the strict policy and no script', async ({
  request,
}) => {
  const response = await request.get('/blank.html');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  const html = await response.text();
  expect(html).not.toMatch(/<script|<style|style=|https?:\/\//i);
  expect(html).not.toMatch(GIVEAWAYS);
});

test('quick exit: one tap leaves for a neutral page, Back does not return, the room stays', async ({
  openPhone,
}) => {
  const { a, b, link } = await pairedRoom(openPhone);
  const secret = new URL(link).hash;

  for (const [width, height] of [
    [390, 844],
    [320, 640],
  ] as const) {
    await b.page.setViewportSize({ width, height });
    await expectReachable(b.page);
    await expectNoSidewaysScroll(b.page);
    await screenshot(b.page, `quick-exit-room-${width}`);
  }

  // Over a partner's alert, which covers everything else, it is still there and on top.
  await signalButton(a.page, 'Pause').click();
  await expect(b.page.getByRole('alert')).toContainText('Pause');
  await expectReachable(b.page);
  await screenshot(b.page, 'quick-exit-over-alert-320');

  // One tap.
  await quickExit(b.page).click();
  await expectNeutralPage(b.page);
  await screenshot(b.page, 'quick-exit-blank-320');

  // Back does not lead to the room: B came by the invite link, whose entry was replaced.
  await b.page.goBack();
  expect(b.page.url()).not.toContain(secret);
  await expect(b.page.getByRole('button', { name: 'Pause' })).toHaveCount(0);

  // The partner's room is as it was: the signal still waits to be seen, and A can still act.
  await expect(a.page.getByTestId('signal-status')).toHaveText('Delivered');
  await expect(signalButton(a.page, 'Pause')).toBeVisible();

  // The invite link opens the same seat again: not "full", partner here, the alert still waiting.
  await b.page.goto(link);
  await expect(b.page.getByText('Your partner is here')).toBeVisible();
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
  await expect(b.page.getByText('This room is full')).toHaveCount(0);
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await expect(a.page.getByTestId('signal-status')).toHaveText('Seen');
});

test('quick exit from the phone that started the room: Back reaches the start, not the room', async ({
  openPhone,
}) => {
  const { a, link } = await pairedRoom(openPhone);
  await quickExit(a.page).click();
  await expectNeutralPage(a.page);
  // A reached its room from the start page in this tab; that entry stays, the room's does not.
  await a.page.goBack();
  expect(a.page.url()).not.toContain(new URL(link).hash);
  await expect(signalButton(a.page, 'Pause')).toHaveCount(0);
});

test('the room is blanked in the tap itself, before anything else is painted', async ({
  openPhone,
}) => {
  const { b } = await pairedRoom(openPhone);
  // A window listener runs after React's (which sits on the root) in the same click task, so
  // what it notes is the screen as the tap left it, before any next frame or page. The note
  // outlives the page in this tab's sessionStorage, which the same-origin blank page shares.
  await b.page.evaluate(() => {
    window.addEventListener(
      'click',
      () => sessionStorage.setItem('body-hidden-after-tap', String(document.body.hidden)),
      { once: true },
    );
  });
  await quickExit(b.page).click();
  await expectNeutralPage(b.page);
  expect(await b.page.evaluate(() => sessionStorage.getItem('body-hidden-after-tap'))).toBe('true');
});
