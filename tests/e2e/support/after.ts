import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import type { Phone } from './fixtures.ts';

/** The way to the screens after the session, shared by the specs that look at them. */

/** A phone whose clock Playwright drives (installed before any page loads, running from now). */
export function withClock(openPhone: () => Promise<Phone>): () => Promise<Phone> {
  return async () => {
    const phone = await openPhone();
    await phone.page.clock.install();
    return phone;
  };
}

/** A starts the session, B ends it: both phones show the aftercare plan. */
export async function endSession(a: Phone, b: Phone): Promise<void> {
  await a.page.getByRole('button', { name: 'Start session' }).click();
  await expect(b.page.getByRole('heading', { name: 'Session in progress' })).toBeVisible();
  await b.page.getByRole('button', { name: 'End session' }).click();
  for (const phone of [a, b]) {
    await expect(phone.page.getByRole('heading', { name: 'Aftercare' })).toBeVisible();
  }
}

export const reflection = (page: Page) => page.getByRole('region', { name: 'Reflection' });
export const followUp = (page: Page) => page.getByRole('region', { name: 'Checking in later' });
export const followUpPrompt = (page: Page) =>
  page.getByRole('region', { name: 'How are you doing?' });

export async function shareReflection(page: Page, good: string, change: string): Promise<void> {
  await page.getByRole('textbox', { name: 'What felt good?' }).fill(good);
  await page.getByRole('textbox', { name: 'What would you change?' }).fill(change);
  await page.getByRole('button', { name: 'Share reflection' }).click();
}
