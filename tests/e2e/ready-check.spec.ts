import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Phone } from './support/fixtures.ts';
import { expectNoSidewaysScroll, pairedRoom, screenshot, signalButton } from './support/room.ts';

/**
 * Issue 15 item 2, the ready check, and item 3's sound: "Test alerts" on one phone alerts the
 * other exactly as a real signal would, labelled a test; "Got it" comes back; once both phones
 * have passed, both say "Both phones ready". Web Audio is stubbed on every phone to record the
 * tones the page starts, so the test can tell silence from sound without speakers.
 */

/** Replaces AudioContext with a recorder before the app's script runs. */
async function recordTones(phone: Phone): Promise<void> {
  await phone.page.addInitScript(() => {
    const tones: number[] = [];
    const contexts: string[] = [];
    Object.assign(window, { recordedTones: tones, recordedContexts: contexts });
    class Param {
      value = 0;
      setValueAtTime() {
        return this;
      }
      linearRampToValueAtTime() {
        return this;
      }
    }
    class Node {
      connect<T>(next: T): T {
        return next;
      }
      disconnect() {
        return undefined;
      }
    }
    class Oscillator extends Node {
      type = 'sine';
      frequency = new Param();
      start() {
        tones.push(this.frequency.value);
      }
      stop() {
        return undefined;
      }
    }
    class Gain extends Node {
      gain = new Param();
    }
    class FakeAudioContext {
      state = 'suspended';
      currentTime = 0;
      destination = new Node();
      constructor() {
        contexts.push('made');
      }
      resume() {
        this.state = 'running';
        contexts.push('resumed');
        return Promise.resolve();
      }
      createOscillator() {
        return new Oscillator();
      }
      createGain() {
        return new Gain();
      }
    }
    Object.assign(window, { AudioContext: FakeAudioContext });
  });
}

const tonesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { recordedTones: number[] }).recordedTones.length);
const contextsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { recordedContexts: string[] }).recordedContexts);

const panel = (page: Page) => page.getByRole('region', { name: 'Ready check' });
const testAlerts = (page: Page) => panel(page).getByRole('button', { name: 'Test alerts' });
const row = (page: Page, label: string) =>
  panel(page).getByRole('listitem').filter({ hasText: label });
const testReceived = (page: Page) => row(page, "Test alert received on your partner's phone");
const soundSwitch = (page: Page) => page.getByRole('switch', { name: 'Sound' });
const bothReady = (page: Page) => panel(page).getByRole('status');

/** Screenshots at the two phone sizes, checking nothing scrolls sideways. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [390, 844],
    [320, 640],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${String(width)}`);
    await expectNoSidewaysScroll(page);
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

async function pairedWithRecorders(openPhone: () => Promise<Phone>) {
  return pairedRoom(async () => {
    const phone = await openPhone();
    await recordTones(phone);
    return phone;
  });
}

/** `from` sends a test alert; `to` sees it as a full alert labelled a test and says "Got it". */
async function testAndAcknowledge(from: Page, to: Page, shotName?: string): Promise<void> {
  await testAlerts(from).click();
  const alert = to.getByRole('alert');
  await expect(alert).toContainText('Test');
  await expect(to.getByRole('alertdialog')).toBeVisible();
  const gotIt = alert.getByRole('button', { name: 'Got it' });
  // Focus moves to it, as for a real signal.
  await expect(gotIt).toBeFocused();
  await expect(from).toHaveTitle('Tandem');
  await expect(to).toHaveTitle('(1) Tandem');
  if (shotName !== undefined) await shoot(to, shotName);
  await gotIt.click();
  await expect(to.getByRole('alert')).toHaveCount(0);
  await expect(testReceived(from)).toContainText('Ready');
}

test('the ready check: each phone tests the other, then both say "Both phones ready"', async ({
  openPhone,
}) => {
  // Two round trips and six screenshots on two phones: more than the default on a busy machine.
  test.slow();
  const { a, b } = await pairedWithRecorders(openPhone);
  await expect(panel(a.page)).toBeVisible();
  await expect(row(a.page, 'Partner connected')).toContainText('Ready');
  await expect(testReceived(a.page)).toContainText('Not yet');
  await expect(row(a.page, 'Sound on')).toContainText('Off');
  await expect(soundSwitch(a.page)).not.toBeChecked();
  await expect(bothReady(a.page)).not.toContainText('Both phones ready');
  await panel(a.page).scrollIntoViewIfNeeded();
  await shoot(a.page, 'ready-panel');

  await testAndAcknowledge(a.page, b.page, 'ready-test-alert');
  // One phone passed is not both.
  await expect(bothReady(a.page)).not.toContainText('Both phones ready');
  await expect(testReceived(b.page)).toContainText('Not yet');

  await testAndAcknowledge(b.page, a.page);
  await expect(bothReady(a.page)).toContainText('Both phones ready');
  await expect(bothReady(b.page)).toContainText('Both phones ready');
  await panel(b.page).scrollIntoViewIfNeeded();
  await shoot(b.page, 'ready-both');

  // Sound stayed off on both, so nothing played, though the taps on "Test alerts" unlocked it.
  expect(await tonesOf(a.page)).toBe(0);
  expect(await tonesOf(b.page)).toBe(0);
  expect(await contextsOf(a.page)).toContain('made');
});

test('a test waits behind a real signal', async ({ openPhone }) => {
  const { a, b } = await pairedWithRecorders(openPhone);
  await testAlerts(a.page).click();
  await expect(b.page.getByRole('alert')).toContainText('Test');
  await signalButton(a.page, 'Pause').click();
  const alert = b.page.getByRole('alert');
  await expect(alert).toContainText('Your partner asked to pause.');
  await alert.getByRole('button', { name: 'Got it' }).click();
  // The test comes back once the real signal is answered.
  await expect(b.page.getByRole('alert')).toContainText('Test alert');
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await expect(testReceived(a.page)).toContainText('Ready');
});

test('sound: off by default and silent; once on, an alert plays; the setting survives a reload', async ({
  openPhone,
}) => {
  test.slow();
  const { a, b } = await pairedWithRecorders(openPhone);
  await expect(soundSwitch(b.page)).not.toBeChecked();

  // Off: a real signal shows and is answered without a sound.
  await signalButton(a.page, 'Pause').click();
  await expect(b.page.getByRole('alert')).toContainText('Pause');
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  expect(await tonesOf(b.page)).toBe(0);

  // On: the tap makes and resumes the audio, and the row says so.
  await soundSwitch(b.page).check();
  await expect(row(b.page, 'Sound on')).toContainText('Ready');
  expect(await contextsOf(b.page)).toEqual(['made', 'resumed']);
  expect(await b.page.evaluate(() => localStorage.getItem('tandem.sound'))).toBe('true');

  // Remembered on this phone: still on after a reload.
  await b.page.reload();
  await expect(soundSwitch(b.page)).toBeChecked();
  expect(await tonesOf(b.page)).toBe(0);

  await signalButton(a.page, 'Slow down').click();
  await expect(b.page.getByRole('alert')).toContainText('Slow down');
  await expect.poll(() => tonesOf(b.page)).toBeGreaterThan(0);
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();

  // A test alert sounds like a real one too.
  const before = await tonesOf(b.page);
  await testAlerts(a.page).click();
  await expect(b.page.getByRole('alert')).toContainText('Test');
  await expect.poll(() => tonesOf(b.page)).toBeGreaterThan(before);

  // And off again is silent again.
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await soundSwitch(b.page).uncheck();
  const silent = await tonesOf(b.page);
  await testAlerts(a.page).click();
  await expect(b.page.getByRole('alert')).toContainText('Test');
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await expect(testReceived(a.page)).toContainText('Ready');
  expect(await tonesOf(b.page)).toBe(silent);
});
