import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { auditScreen, expectNoAxeViolations, movingElements } from './support/a11y.ts';
import { rewriteFrames } from './support/frames.ts';
import { JoinRequest, PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { pairedRoom, screenshot, signalButton } from './support/room.ts';

/**
 * Issue 15 item 5 on the screens outside a room (start, notices), the theme switch and reduced
 * motion. The room's screens are in a11y-room.spec.ts, the after screens in a11y-after.spec.ts.
 */

// Each screen runs axe four times (two schemes, two sizes); a busy machine makes that slow.
test.describe.configure({ timeout: 600_000 });

const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme', exact: true });
const pageBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const DARK_BG = 'rgb(17, 19, 24)';
const LIGHT_BG = 'rgb(246, 247, 249)';

test('the start screen and the notices pass axe and the size checks in both schemes', async ({
  openPhone,
}) => {
  const { page } = await openPhone();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start a room' })).toBeVisible();
  await auditScreen(page, 'home');

  await page.goto('/#not-a-room');
  await expect(page.getByRole('heading', { name: 'This link is not complete' })).toBeVisible();
  await auditScreen(page, 'invalid-link');
});

test('Theme: dark by default, light when the phone prefers it, a manual choice remembered', async ({
  openPhone,
}) => {
  const { page } = await openPhone();
  // Dark is the stylesheet's base and light only answers `prefers-color-scheme: light`; Chromium
  // reports no "no-preference" any more (it matches light), so the base is seen under "dark".
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(themeSelect(page)).toHaveValue('system');
  expect(await pageBackground(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await pageBackground(page)).toBe(DARK_BG);
  await expect(page.locator('meta[name="color-scheme"]')).toHaveAttribute('content', 'dark light');

  // Light chosen on a phone that prefers dark: light, on this page and after a reload.
  await themeSelect(page).selectOption({ label: 'Light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  expect(await page.evaluate(() => localStorage.getItem('tandem.theme'))).toBe('light');
  for (const meta of await page.locator('meta[name="theme-color"]').all()) {
    await expect(meta).toHaveAttribute('content', '#f6f7f9');
  }
  await page.reload();
  await expect(themeSelect(page)).toHaveValue('light');
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  await expectNoAxeViolations(page, 'home, Light chosen, phone prefers dark');
  await screenshot(page, 'a11y-home-chosen-light-390');

  // Dark chosen on a phone that prefers light.
  await page.emulateMedia({ colorScheme: 'light' });
  await themeSelect(page).selectOption({ label: 'Dark' });
  expect(await pageBackground(page)).toBe(DARK_BG);
  await expectNoAxeViolations(page, 'home, Dark chosen, phone prefers light');
  await screenshot(page, 'a11y-home-chosen-dark-390');

  // Back to following the phone: the key goes, and the phone's light shows again.
  await themeSelect(page).selectOption({ label: 'Match this phone' });
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  expect(await page.evaluate(() => localStorage.getItem('tandem.theme'))).toBeNull();
  await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute(
    'content',
    '#f6f7f9',
  );
  await expect(page.locator('meta[name="theme-color"]').last()).toHaveAttribute(
    'content',
    '#111318',
  );
});

test('a manual theme holds in the room too, and passes axe against the phone it is not', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  for (const [chosen, phoneScheme, background] of [
    ['Light', 'dark', LIGHT_BG],
    ['Dark', 'light', DARK_BG],
  ] as const) {
    await a.page.emulateMedia({ colorScheme: phoneScheme });
    await themeSelect(a.page).selectOption({ label: chosen });
    expect(await pageBackground(a.page)).toBe(background);
    await expectNoAxeViolations(a.page, `room, ${chosen} chosen`);
    await screenshot(a.page, `a11y-room-chosen-${chosen.toLowerCase()}-390`);
    await signalButton(b.page, 'Slow down').click();
    await expect(a.page.getByRole('alert')).toContainText('Slow down');
    await expectNoAxeViolations(a.page, `Slow down alert, ${chosen} chosen`);
    await screenshot(a.page, `a11y-alert-chosen-${chosen.toLowerCase()}-390`);
    await a.page.getByRole('button', { name: 'Got it' }).click();
  }
});

test('reduced motion: nothing animates or transitions, the insistent alert included', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(async () => {
    const phone = await openPhone();
    await phone.page.clock.install();
    return phone;
  });
  await a.page.emulateMedia({ reducedMotion: 'reduce' });
  await a.page.getByRole('button', { name: 'Aftercare wishes', exact: true }).click();
  expect(await movingElements(a.page)).toEqual([]);
  await signalButton(b.page, 'Pause').click();
  await expect(a.page.getByRole('alert')).toContainText('Pause');
  expect(await movingElements(a.page)).toEqual([]);
  // Unseen past 10 s the alert turns insistent: a frame, but still no motion.
  await a.page.clock.fastForward(11_000);
  await expect(a.page.getByRole('alertdialog')).toHaveClass(/alert--insistent/);
  expect(await movingElements(a.page)).toEqual([]);
  // Where motion is welcome, the same alert does move: the check above is not vacuous.
  await a.page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await movingElements(a.page)).not.toEqual([]);
});

test('an outdated build is told to reload, on a screen that passes axe', async ({ openPhone }) => {
  const { b } = await pairedRoom(openPhone);
  await rewriteFrames(b.page, (frame) => {
    const join = JoinRequest.safeParse(frame.payload);
    if (frame.event !== 'room:join' || !join.success) return frame;
    return { ...frame, payload: { ...join.data, protocol: PROTOCOL_VERSION - 1 } };
  });
  await b.page.reload();
  await expect(b.page.getByRole('heading', { name: 'Tandem was updated — reload' })).toBeVisible();
  await auditScreen(b.page, 'outdated');
});
