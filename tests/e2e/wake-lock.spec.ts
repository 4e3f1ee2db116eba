import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Phone } from './support/fixtures.ts';
import { expectNoSidewaysScroll, pairedRoom, screenshot, signalButton } from './support/room.ts';

/**
 * Issue 15 item 4, stay awake: "Keep screen on" holds a screen wake lock while the session runs.
 * Headless Chromium may lack the API, so each phone gets a stub that records what the page asked
 * of it: one that grants, one that refuses, or none at all.
 */

type WakeLockStub = 'grants' | 'refuses' | 'absent';

/** Replaces `navigator.wakeLock` on every page of this phone before the app's script runs. */
async function stubWakeLock(phone: Phone, stub: WakeLockStub): Promise<void> {
  await phone.page.addInitScript((mode: WakeLockStub) => {
    const calls: string[] = [];
    const sentinels: { fireRelease: () => void }[] = [];
    Object.assign(window, { wakeLockCalls: calls, wakeLockSentinels: sentinels });
    if (mode === 'absent') {
      delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
      return;
    }
    const request = (type: string) => {
      calls.push(`request ${type}`);
      if (mode === 'refuses') {
        return Promise.reject(new DOMException('Not allowed here', 'NotAllowedError'));
      }
      const listeners: ((event: Event) => void)[] = [];
      const sentinel = {
        type,
        released: false,
        onrelease: null,
        fireRelease: () => {
          sentinel.released = true;
          for (const listener of listeners) listener(new Event('release'));
        },
        release: () => {
          if (!sentinel.released) {
            calls.push('release');
            sentinel.fireRelease();
          }
          return Promise.resolve();
        },
        addEventListener: (_type: string, listener: (event: Event) => void) => {
          listeners.push(listener);
        },
        removeEventListener: () => undefined,
      };
      sentinels.push(sentinel);
      return Promise.resolve(sentinel);
    };
    Object.defineProperty(Navigator.prototype, 'wakeLock', {
      configurable: true,
      get: () => ({ request }),
    });
  }, stub);
}

const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { wakeLockCalls: string[] }).wakeLockCalls);

/** The platform drops the lock (as when the page is hidden), then the page is visible again. */
const hiddenAndBack = (page: Page) =>
  page.evaluate(() => {
    const { wakeLockSentinels } = window as unknown as {
      wakeLockSentinels: { fireRelease: () => void }[];
    };
    wakeLockSentinels.at(-1)?.fireRelease();
    document.dispatchEvent(new Event('visibilitychange'));
  });

const keepScreenOn = (page: Page) => page.getByRole('switch', { name: 'Keep screen on' });
const refusal = (page: Page) => page.getByText('Your screen may turn off', { exact: false });

async function shoot(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [390, 844],
    [320, 640],
  ] as const) {
    await page.setViewportSize({ width, height });
    await keepScreenOn(page).scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${width}`);
    await expectNoSidewaysScroll(page);
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

/** A room where A's wake lock is stubbed as `stub`, and A has started the session. */
async function sessionWith(openPhone: () => Promise<Phone>, stub: WakeLockStub) {
  const phones = await pairedRoom(async () => {
    const phone = await openPhone();
    await stubWakeLock(phone, stub);
    return phone;
  });
  await phones.a.page.getByRole('button', { name: 'Start session' }).click();
  await expect(phones.a.page.getByRole('heading', { name: 'Session in progress' })).toBeVisible();
  return phones;
}

test('keep screen on: held in the session, released when off, asked again when visible again', async ({
  openPhone,
}) => {
  const { a } = await sessionWith(openPhone, 'grants');
  await expect(keepScreenOn(a.page)).toBeChecked();
  await expect.poll(() => calls(a.page)).toEqual(['request screen']);
  await expect(refusal(a.page)).toHaveCount(0);
  await shoot(a.page, 'wake-lock-on');

  await keepScreenOn(a.page).uncheck();
  await expect.poll(() => calls(a.page)).toEqual(['request screen', 'release']);

  // The choice is remembered on this phone: off after a reload, and nothing is requested.
  await a.page.reload();
  await expect(keepScreenOn(a.page)).not.toBeChecked();
  await expect.poll(() => calls(a.page)).toEqual([]);

  await keepScreenOn(a.page).check();
  await expect.poll(() => calls(a.page)).toEqual(['request screen']);

  await hiddenAndBack(a.page);
  await expect.poll(() => calls(a.page)).toEqual(['request screen', 'request screen']);

  await a.page.getByRole('button', { name: 'End session' }).click();
  await expect(a.page.getByRole('heading', { name: 'Aftercare' })).toBeVisible();
  await expect.poll(() => calls(a.page)).toEqual(['request screen', 'request screen', 'release']);
});

test('a platform that refuses the lock is said plainly; off hides the line', async ({
  openPhone,
}) => {
  const { a } = await sessionWith(openPhone, 'refuses');
  await expect(refusal(a.page)).toBeVisible();
  await expect(a.page.getByRole('status').filter({ has: refusal(a.page) })).toHaveCount(1);
  await shoot(a.page, 'wake-lock-refused');
  await keepScreenOn(a.page).uncheck();
  await expect(refusal(a.page)).toHaveCount(0);
});

test('without the API the line shows and signals still get through', async ({ openPhone }) => {
  const { a, b } = await sessionWith(openPhone, 'absent');
  expect(await a.page.evaluate(() => 'wakeLock' in navigator)).toBe(false);
  await expect(keepScreenOn(a.page)).toBeChecked();
  await expect(refusal(a.page)).toBeVisible();
  await signalButton(a.page, 'Pause').click();
  const alert = b.page.getByRole('alert');
  await expect(alert).toContainText('Pause');
  await alert.getByRole('button', { name: 'Got it' }).click();
  await expect(b.page.getByRole('alert')).toHaveCount(0);
});
