import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Phone } from './support/fixtures.ts';
import { screenshot, signalButton, startRoom } from './support/room.ts';

/**
 * The whole arc on two phones, with Playwright's clock standing in for the hours between: wishes
 * shared in advance, a regular check-in during the session, the plan built from both partners'
 * wishes, ticks, the reflection revealed once both shared, the next day's follow-up answered on
 * one phone and read on the other, and the calendar file.
 */

/** Two phones whose clocks the test moves; the server keeps real time. */
async function pairedWithClocks(openPhone: () => Promise<Phone>) {
  const a = await openPhone();
  const b = await openPhone();
  await a.page.clock.install();
  await b.page.clock.install();
  const link = await startRoom(a);
  await b.page.goto(link);
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
  await expect(b.page.getByText('Your partner is here')).toBeVisible();
  return { a, b };
}

async function shareWishes(
  page: Page,
  wishes: readonly string[],
  own: string,
  afterwards: 'Company' | 'Space' | 'Either',
) {
  await page.getByRole('button', { name: 'Aftercare wishes' }).click();
  for (const wish of wishes) await page.getByRole('checkbox', { name: wish, exact: true }).check();
  await page.getByRole('textbox', { name: 'Something else that helps' }).fill(own);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page
    .getByRole('group', { name: "Afterwards I'd like" })
    .getByRole('radio', { name: afterwards, exact: true })
    .check();
  await page.getByRole('button', { name: 'Share with my partner' }).click();
}

const partnerWishes = (page: Page) => page.getByRole('region', { name: "Your partner's wishes" });

/** The plan item named `label`, and the tag saying whom it is for. */
const planItem = (page: Page, label: string) =>
  page.getByRole('checkbox', { name: label, exact: true });

test('before, during and after: wishes, a regular check-in, the shared plan, reflection and the next day', async ({
  openPhone,
}) => {
  const { a, b } = await pairedWithClocks(openPhone);

  // ---- Before: wishes, shared, seen by the other; a check-in interval agreed. ----
  await shareWishes(a.page, ['Water', 'A shower', 'Reassurance'], 'A walk outside', 'Space');
  await expect(partnerWishes(b.page)).toContainText('A walk outside');
  await shareWishes(b.page, ['A shower', 'Holding hands'], 'a walk  outside', 'Company');
  await expect(partnerWishes(a.page)).toContainText('Holding hands');
  await screenshot(a.page, 'arc-a-wishes');

  await a.page
    .getByRole('combobox', { name: 'Regular check-ins' })
    .selectOption({ label: 'Every 10 minutes' });
  await expect(b.page.getByRole('combobox', { name: 'Regular check-ins' })).toHaveValue('10');

  // ---- During: ten minutes in, both phones ask; each answer reaches the other. ----
  await a.page.getByRole('button', { name: 'Start session' }).click();
  await expect(b.page.getByRole('heading', { name: 'Session in progress' })).toBeVisible();
  await Promise.all([a.page.clock.fastForward('10:05'), b.page.clock.fastForward('10:05')]);
  for (const phone of [a, b]) await expect(phone.page.getByRole('alert')).toContainText('Check in');
  await screenshot(b.page, 'arc-b-regular-check-in');
  await a.page.getByRole('alert').getByRole('button', { name: "I'm okay" }).click();
  await expect(b.page.getByText("Your partner: I'm okay")).toBeVisible();

  // B does not answer: a minute on, A is told plainly.
  await a.page.clock.fastForward('01:05');
  await expect(a.page.getByText(/has not answered/)).toBeVisible();
  await screenshot(a.page, 'arc-a-unanswered');
  await b.page.getByRole('alert').getByRole('button', { name: "I'm okay" }).click();
  await expect(a.page.getByText("Your partner: I'm okay")).toBeVisible();

  // ---- After: one plan on both phones, from the defaults and both partners' wishes. ----
  await signalButton(b.page, 'Check in').waitFor();
  await b.page.getByRole('button', { name: 'End session' }).click();
  for (const phone of [a, b]) {
    await expect(phone.page.getByRole('heading', { name: 'Aftercare' })).toBeVisible();
    await expect(phone.page.getByRole('button', { name: 'Aftercare wishes' })).toHaveCount(0);
    for (const label of ['Water', 'A shower', 'Reassurance', 'Holding hands', 'A walk outside']) {
      await expect(planItem(phone.page, label)).toBeVisible();
    }
  }
  // One item for a wish both made; A's wish is for A, B's for B.
  await expect(a.page.getByRole('checkbox', { name: /walk outside/i })).toHaveCount(1);
  const tagOf = (page: Page, label: string) =>
    page.getByRole('listitem').filter({ has: planItem(page, label) });
  await expect(tagOf(a.page, 'A shower')).toContainText('for both');
  await expect(tagOf(a.page, 'A walk outside')).toContainText('for both');
  await expect(tagOf(a.page, 'Reassurance')).toContainText('for you');
  await expect(tagOf(a.page, 'Holding hands')).toContainText('for your partner');
  await expect(tagOf(b.page, 'Reassurance')).toContainText('for your partner');
  await expect(a.page.getByText('You asked for some space afterwards')).toBeVisible();
  await expect(b.page.getByText('Your partner asked for some space afterwards')).toBeVisible();

  // Ticks, live on both, with progress and the time since the end.
  const total = await a.page
    .getByRole('region', { name: 'Aftercare', exact: true })
    .getByRole('checkbox')
    .count();
  await planItem(a.page, 'Water').check();
  await expect(planItem(b.page, 'Water')).toBeChecked();
  await planItem(b.page, 'Holding hands').check();
  await expect(planItem(a.page, 'Holding hands')).toBeChecked();
  for (const phone of [a, b]) {
    await expect(phone.page.getByText(`2 of ${String(total)} done`)).toBeVisible();
  }
  // A's clock already runs ahead of the server's by the minutes the test skipped: count from it.
  const timer = a.page.getByText(/^Aftercare: \d+ min$/);
  const minutesShown = async () => Number(/\d+/.exec(await timer.innerText())?.[0]);
  const before = await minutesShown();
  await a.page.clock.fastForward('12:00');
  await expect(timer).toHaveText(`Aftercare: ${String(before + 12)} min`);
  await screenshot(a.page, 'arc-a-plan');

  // ---- Reflection: neither reads the other's before both shared. ----
  await a.page.getByRole('textbox', { name: 'What felt good?' }).fill('Feeling safe');
  await a.page.getByRole('textbox', { name: 'What would you change?' }).fill('More breaks');
  await a.page.getByRole('button', { name: 'Share reflection' }).click();
  await expect(b.page.getByText(/Your partner has shared/)).toBeVisible();
  await expect(b.page.getByText('Feeling safe')).toHaveCount(0);
  await b.page.getByRole('textbox', { name: 'What felt good?' }).fill('Laughing together');
  await b.page.getByRole('textbox', { name: 'What would you change?' }).fill('Start earlier');
  await b.page.getByRole('button', { name: 'Share reflection' }).click();
  for (const phone of [a, b]) {
    await expect(phone.page.getByText('Feeling safe')).toBeVisible();
    await expect(phone.page.getByText('Laughing together')).toBeVisible();
  }
  await screenshot(b.page, 'arc-b-reflection');

  // ---- The next day: B is asked how they are doing, and A reads the answer. ----
  await expect(b.page.getByRole('combobox', { name: 'Follow-up check-in' })).toHaveValue('day1');
  await b.page.clock.fastForward('24:00:00');
  await expect(b.page.getByRole('heading', { name: 'How are you doing?' })).toBeVisible();
  await b.page.getByRole('textbox', { name: 'Add a note (optional)' }).fill('Tired but fine');
  await screenshot(b.page, 'arc-b-follow-up');
  await b.page.getByRole('button', { name: "I'm a bit low" }).click();
  await expect(b.page.getByRole('heading', { name: 'How are you doing?' })).toHaveCount(0);
  await expect(a.page.getByText(/I'm a bit low/)).toBeVisible();
  await expect(a.page.getByText('Tired but fine')).toBeVisible();
  await screenshot(a.page, 'arc-a-follow-up-answer');

  // ---- A calendar reminder that says "Check in" and nothing else. ----
  await a.page.getByRole('combobox', { name: 'Follow-up check-in' }).selectOption('day2');
  const downloading = a.page.waitForEvent('download');
  await a.page.getByRole('button', { name: 'Add to calendar' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = await readFile(await download.path(), 'utf8');
  expect(ics).toContain('SUMMARY:Check in');
  expect(ics).not.toMatch(/https?:|#|localhost|127\.0\.0\.1/i);
  const words = ics
    .replace(/\r\n[ \t]/g, '')
    .match(/(?<=^(SUMMARY|DESCRIPTION|LOCATION|URL|COMMENT)[^:]*:).*/gm);
  expect(words?.every((line) => line === 'Check in')).toBe(true);
});
