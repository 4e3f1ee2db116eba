import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Phone } from './support/fixtures.ts';
import { expectNoSidewaysScroll, pairedRoom, screenshot, startRoom } from './support/room.ts';

/**
 * Issue 14, before and during: wishes shared in advance, regular check-ins agreed for the room,
 * prompted on both phones when the interval is up (Playwright's clock moves the phones forward),
 * answered (a "Pause" answer alerting the partner in full), and an unanswered prompt said to the
 * partner. Then remembered wishes start the next room's editor.
 */

/** Every new screen is looked at on a roomy phone and on a small one; neither scrolls sideways. */
async function shoot(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const [width, height] of [
    [390, 844],
    [320, 640],
  ] as const) {
    await page.setViewportSize({ width, height });
    if (focus !== undefined) await focus.scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${width}`);
    await expectNoSidewaysScroll(page);
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

const wishesButton = (page: Page) =>
  page.getByRole('button', { name: 'Aftercare wishes', exact: true });
const wishesStatus = (page: Page) => page.locator('.wishes__status');
const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const partnerWishes = (page: Page) => page.getByRole('region', { name: "Your partner's wishes" });
const regularCheckIns = (page: Page) => page.getByRole('combobox', { name: 'Regular check-ins' });
const shareButton = (page: Page) => page.getByRole('button', { name: 'Share with my partner' });

async function pick(page: Page, groupName: string, wish: string): Promise<void> {
  await group(page, groupName).getByRole('checkbox', { name: wish, exact: true }).check();
}

async function addOwn(page: Page, words: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Something else that helps' }).fill(words);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

test('wishes in advance, regular check-ins prompted on both phones, answered and missed', async ({
  openPhone,
}) => {
  // Both clocks are Playwright's from the first page on, so fastForward moves the phones on.
  const phoneWithClock = async (): Promise<Phone> => {
    const phone = await openPhone();
    await phone.page.clock.install();
    return phone;
  };
  const { a, b } = await pairedRoom(phoneWithClock);

  // ---- A picks wishes; nothing reaches B before "Share with my partner". ----
  await expect(wishesButton(a.page)).toHaveAttribute('aria-expanded', 'false');
  await expect(wishesStatus(a.page)).toContainText('Not shared yet');
  await shoot(a.page, 'before-a-room');
  await wishesButton(a.page).click();
  await expect(wishesButton(a.page)).toHaveAttribute('aria-expanded', 'true');
  for (const name of ['Body', 'Closeness', 'Words', 'Space']) {
    await expect(group(a.page, name)).toBeVisible();
  }
  await pick(a.page, 'Body', 'Water');
  await pick(a.page, 'Closeness', 'A hug');
  await addOwn(a.page, 'A walk outside');
  const ownList = a.page.locator('.own__list');
  await expect(ownList.locator('.own__label')).toHaveText(['A walk outside']);
  // The same words again, in another case and spacing, are not added twice.
  await addOwn(a.page, '  a walk   OUTSIDE ');
  await expect(a.page.getByText('That one is already on your list.')).toBeVisible();
  await expect(ownList.getByRole('listitem')).toHaveCount(1);
  await a.page.getByRole('textbox', { name: 'Something else that helps' }).fill('');
  // Each of one's own items can be removed.
  await addOwn(a.page, 'Music');
  await expect(ownList.locator('.own__label')).toHaveText(['A walk outside', 'Music']);
  await a.page.getByRole('button', { name: 'Remove Music' }).click();
  await expect(ownList.locator('.own__label')).toHaveText(['A walk outside']);
  await group(a.page, "Afterwards I'd like")
    .getByRole('radio', { name: 'Space', exact: true })
    .check();
  await a.page.getByRole('checkbox', { name: 'Remember my wishes on this phone' }).check();
  await expect(wishesStatus(a.page)).toContainText('Not shared yet');
  await shoot(a.page, 'before-a-editor-top', group(a.page, 'Body'));
  await shoot(a.page, 'before-a-editor-bottom', shareButton(a.page));
  await expect(partnerWishes(b.page)).toHaveCount(0);

  await shareButton(a.page).click();
  await expect(wishesStatus(a.page)).toContainText('Shared with your partner');
  await expect(shareButton(a.page)).toBeDisabled();

  // ---- B sees A's wishes, grouped, in A's words. ----
  const aOnB = partnerWishes(b.page);
  await expect(aOnB.getByRole('list', { name: 'Body' })).toHaveText(/Water/);
  await expect(aOnB.getByRole('list', { name: 'Closeness' })).toHaveText(/A hug/);
  await expect(aOnB.getByRole('list', { name: 'In their words' })).toHaveText(/A walk outside/);
  await expect(aOnB).toContainText("Afterwards they'd like: space");
  await shoot(b.page, 'before-b-partner-wishes', aOnB);

  // ---- B shares theirs; A sees them. ----
  await wishesButton(b.page).click();
  await pick(b.page, 'Words', 'Quiet');
  await pick(b.page, 'Closeness', 'Holding hands');
  await group(b.page, "Afterwards I'd like")
    .getByRole('radio', { name: 'Company', exact: true })
    .check();
  await shareButton(b.page).click();
  await expect(wishesStatus(b.page)).toContainText('Shared with your partner');
  const bOnA = partnerWishes(a.page);
  await expect(bOnA.getByRole('list', { name: 'Words' })).toHaveText(/Quiet/);
  await expect(bOnA.getByRole('list', { name: 'Closeness' })).toHaveText(/Holding hands/);
  await expect(bOnA).toContainText("Afterwards they'd like: company");

  // ---- A changes a wish: said as unshared until shared again, then B's view follows. ----
  await group(a.page, 'Closeness').getByRole('checkbox', { name: 'A hug', exact: true }).uncheck();
  await expect(wishesStatus(a.page)).toContainText('Changes not shared yet');
  await expect(aOnB.getByRole('list', { name: 'Closeness' })).toHaveText(/A hug/);
  // The unshared change survives a reload of A's page.
  await a.page.reload();
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
  await expect(wishesStatus(a.page)).toContainText('Changes not shared yet');
  await wishesButton(a.page).click();
  await expect(
    group(a.page, 'Closeness').getByRole('checkbox', { name: 'A hug', exact: true }),
  ).not.toBeChecked();
  await expect(group(a.page, 'Body').getByRole('checkbox', { name: 'Water' })).toBeChecked();
  await shareButton(a.page).click();
  await expect(wishesStatus(a.page)).toContainText('Shared with your partner');
  await expect(aOnB.getByRole('list', { name: 'Closeness' })).toHaveCount(0);
  await expect(aOnB.getByRole('list', { name: 'Body' })).toHaveText(/Water/);

  // ---- Regular check-ins, agreed for the room: one phone sets, both show it. ----
  await expect(regularCheckIns(a.page)).toHaveValue('0');
  await regularCheckIns(a.page).selectOption({ label: 'Every 10 minutes' });
  await expect(regularCheckIns(b.page)).toHaveValue('10');
  await expect(regularCheckIns(a.page)).toHaveValue('10');

  await b.page.getByRole('button', { name: 'Start session' }).click();
  for (const phone of [a, b]) {
    await expect(phone.page.getByRole('heading', { name: 'Session in progress' })).toBeVisible();
  }
  await expect(regularCheckIns(a.page)).toHaveValue('10');
  await shoot(a.page, 'before-a-session');

  // ---- Ten minutes on: both phones prompt "Check in". ----
  await a.page.clock.fastForward('10:00');
  await b.page.clock.fastForward('10:00');
  for (const phone of [a, b]) {
    const prompt = phone.page.getByRole('alert');
    await expect(prompt).toContainText('Check in');
    await expect(prompt).toContainText('Time for your regular check-in. How are you?');
  }
  await shoot(b.page, 'before-b-round-prompt');

  // A is okay: B's phone says so (behind B's own prompt, which stays until B answers).
  await a.page.getByRole('alert').getByRole('button', { name: "I'm okay" }).click();
  await expect(a.page.getByRole('alert')).toHaveCount(0);
  await expect(b.page.locator('.round-status')).toHaveText("Your partner: I'm okay");
  await expect(b.page.getByRole('alert')).toContainText('Check in');

  // B does not answer: A waits, and after a minute is told plainly.
  const roundStatusOnA = a.page.locator('.round-status');
  await expect(roundStatusOnA).toHaveText('Waiting for your partner to answer the check-in…');
  await a.page.clock.fastForward(61_000);
  await expect(
    a.page.getByRole('status').filter({
      hasText: 'Your partner has not answered the check-in — check in out loud',
    }),
  ).toBeVisible();
  await expect(a.page.getByRole('alert')).toHaveCount(0);
  await shoot(a.page, 'before-a-partner-unanswered', roundStatusOnA);

  // B answers late, with "Slow down": A's phone alerts in full and the line says so.
  await b.page.getByRole('alert').getByRole('button', { name: 'Slow down' }).click();
  await expect(a.page.getByRole('alert')).toContainText('Your partner asked to slow down.');
  await a.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await expect(roundStatusOnA).toHaveText('Your partner: Slow down');
  await expect(b.page.getByRole('alert')).toHaveCount(0);
  await expect(b.page.locator('.round-status')).toHaveText("Your partner: I'm okay");
  await shoot(b.page, 'before-b-partner-answered', b.page.locator('.round-status'));

  // ---- Round 2, a full interval on: B is okay, A answers "Pause": B's phone alerts in full. ----
  await a.page.clock.fastForward('10:00');
  await b.page.clock.fastForward('10:00');
  for (const phone of [a, b]) {
    await expect(phone.page.getByRole('alert')).toContainText(
      'Time for your regular check-in. How are you?',
    );
  }
  await b.page.getByRole('alert').getByRole('button', { name: "I'm okay" }).click();
  await expect(b.page.getByRole('alert')).toHaveCount(0);
  await a.page.getByRole('alert').getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(a.page.getByRole('alert')).toHaveCount(0);
  // Not a line under B's screen: the partner's Pause signal, full screen, until B has seen it.
  const pauseOnB = b.page.getByRole('alert');
  await expect(pauseOnB.getByRole('heading', { name: 'Pause', exact: true })).toBeVisible();
  await expect(pauseOnB).toContainText('Your partner asked to pause.');
  await expect(b.page.getByRole('alertdialog')).toHaveClass(/\balert--pause\b/);
  await shoot(b.page, 'before-b-round-pause');
  await pauseOnB.getByRole('button', { name: 'Got it' }).click();
  await expect(b.page.getByRole('alert')).toHaveCount(0);
  await expect(b.page.locator('.round-status')).toHaveText('Your partner: Pause');
  await expect(roundStatusOnA).toHaveText("Your partner: I'm okay");

  // ---- The next room on A's phone starts from the remembered wishes, unshared. ----
  await startRoom(a);
  await expect(wishesButton(a.page)).toBeVisible();
  await wishesButton(a.page).click();
  await expect(a.page.getByText('Filled in from the wishes this phone remembers.')).toBeVisible();
  await expect(wishesStatus(a.page)).toContainText('Not shared yet');
  await expect(group(a.page, 'Body').getByRole('checkbox', { name: 'Water' })).toBeChecked();
  await expect(
    group(a.page, 'Closeness').getByRole('checkbox', { name: 'A hug', exact: true }),
  ).not.toBeChecked();
  await expect(a.page.locator('.own__label')).toHaveText(['A walk outside']);
  await expect(
    group(a.page, "Afterwards I'd like").getByRole('radio', { name: 'Space', exact: true }),
  ).toBeChecked();
  await shoot(a.page, 'before-a-remembered', a.page.getByText('Filled in from the wishes'));
  // Turning "remember" off leaves nothing of them in the browser.
  await a.page.getByRole('checkbox', { name: 'Remember my wishes on this phone' }).uncheck();
  expect(await a.page.evaluate(() => localStorage.getItem('tandem.my-wishes'))).toBeNull();

  // An unshared draft is kept for the room only while the room lasts.
  await pick(a.page, 'Body', 'Rest');
  const draft = () => a.page.evaluate(() => localStorage.getItem('tandem.wish-draft'));
  expect(await draft()).toContain('rest');
  await a.page.getByRole('button', { name: 'Delete room' }).click();
  await a.page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(a.page.getByText('The room was deleted')).toBeVisible();
  expect(await draft()).toBeNull();
});
