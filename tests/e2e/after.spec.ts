import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import {
  endSession,
  followUp,
  followUpPrompt as prompt,
  reflection,
  shareReflection,
  withClock,
} from './support/after.ts';
import { expectNoSidewaysScroll, pairedRoom, screenshot } from './support/room.ts';

/**
 * The screens after the session, on two phones: the plan, the reflection, the follow-up on the
 * next day (Playwright's clock moves a phone forward against the server's times in the log) and
 * the calendar file. Every screen is looked at in 390×844 and 320×640, and never scrolls sideways.
 */

const SIZES = [
  { width: 390, height: 844 },
  { width: 320, height: 640 },
] as const;

/** Saves `name-390` and `name-320`, each with `top` (if given) scrolled to the top of the view. */
async function screens(page: Page, name: string, top?: Locator): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    if (top !== undefined) await top.evaluate((element) => element.scrollIntoView());
    await screenshot(page, `${name}-${String(size.width)}`);
    await expectNoSidewaysScroll(page);
  }
  await page.setViewportSize(SIZES[0]);
}

test('after the session: the plan, a reflection both reveal, the next-day follow-up and the calendar', async ({
  openPhone,
}) => {
  const { a, b, link } = await pairedRoom(withClock(openPhone));
  await endSession(a, b);

  // The plan, with the defaults, grouped, on both phones.
  for (const phone of [a, b]) {
    const page = phone.page;
    await expect(page.getByText('0 of 8 done')).toBeVisible();
    await expect(page.getByText('Aftercare: 0 min')).toBeVisible();
    for (const group of ['Body', 'Closeness', 'Words']) {
      await expect(page.getByRole('group', { name: group })).toBeVisible();
    }
    await expect(
      page.getByRole('group', { name: 'Body' }).getByRole('checkbox', { name: 'Water' }),
    ).toBeVisible();
    await expect(
      page.getByRole('checkbox', { name: 'A hug', exact: true }),
    ).toHaveAccessibleDescription('for both');
  }
  await screens(a.page, 'after-plan');

  // Ticks sync live, and so does the progress line; the timer counts minutes since the end.
  await a.page.getByRole('checkbox', { name: 'Water', exact: true }).check();
  await expect(b.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeChecked();
  for (const phone of [a, b]) await expect(phone.page.getByText('1 of 8 done')).toBeVisible();
  await b.page.getByRole('checkbox', { name: 'Rest', exact: true }).check();
  await expect(a.page.getByText('2 of 8 done')).toBeVisible();
  await b.page.getByRole('checkbox', { name: 'Rest', exact: true }).uncheck();
  await expect(a.page.getByText('1 of 8 done')).toBeVisible();
  await a.page.clock.fastForward('12:00');
  await expect(a.page.getByText('Aftercare: 12 min')).toBeVisible();

  // Reflection: A shares first; B cannot read it until B has shared too.
  await shareReflection(a.page, 'Taking our time', 'A glass of water closer by');
  await expect(reflection(a.page)).toContainText(
    "Shared — your partner's answers show once they share theirs",
  );
  await expect(reflection(a.page).getByRole('article', { name: 'Your answers' })).toContainText(
    'Taking our time',
  );
  await expect(reflection(b.page)).toContainText('Your partner has shared their reflection');
  await expect(b.page.getByText('Taking our time')).toHaveCount(0);
  await expect(b.page.getByRole('article', { name: "Your partner's answers" })).toHaveCount(0);
  await screens(a.page, 'after-reflection-shared', reflection(a.page));
  await screens(b.page, 'after-reflection-partner-shared', reflection(b.page));

  await shareReflection(b.page, 'Checking in often', 'Slower at the start');
  for (const [page, theirs] of [
    [a.page, 'Checking in often'],
    [b.page, 'Taking our time'],
  ] as const) {
    await expect(page.getByRole('article', { name: "Your partner's answers" })).toContainText(
      theirs,
    );
  }
  await expect(a.page.getByRole('article', { name: "Your partner's answers" })).toContainText(
    'Slower at the start',
  );
  await screens(b.page, 'after-reflection-both', reflection(b.page));

  // Follow-up: tomorrow by default; A adds day 3 and day 7, which B's phone shows.
  const choice = (page: Page) => page.getByRole('combobox', { name: 'Follow-up check-in' });
  const later = (page: Page) => page.getByRole('checkbox', { name: 'Also on day 3 and day 7' });
  for (const phone of [a, b]) {
    await expect(choice(phone.page)).toHaveValue('day1');
    await expect(later(phone.page)).not.toBeChecked();
  }
  await later(a.page).check();
  await expect(later(b.page)).toBeChecked();

  // "Ask how they are" reaches B at once; B's answer reaches A.
  await a.page.getByRole('button', { name: 'Ask how they are' }).click();
  await expect(followUp(a.page)).toContainText('Asked — waiting for an answer');
  await screens(a.page, 'after-asking', followUp(a.page).getByRole('combobox'));
  await expect(prompt(b.page)).toContainText('Your partner asked how you are.');
  // B was further down the screen: the question is brought into view.
  await expect(
    prompt(b.page).getByRole('heading', { name: 'How are you doing?' }),
  ).toBeInViewport();
  await screens(b.page, 'after-asked', prompt(b.page));
  await prompt(b.page).getByRole('button', { name: "I'm okay" }).click();
  await expect(prompt(b.page)).toHaveCount(0);
  await expect(followUp(a.page)).toContainText("Your partner: I'm okay");
  await expect(followUp(a.page)).not.toContainText('Asked — waiting for an answer');
  await expect(prompt(a.page)).toHaveCount(0);
  await screens(a.page, 'after-follow-up', followUp(a.page));

  // The next day: B opens the app from the start screen, which leads back into the room, and it
  // asks how B is doing.
  await b.page.clock.fastForward('25:00:00');
  await b.page.goto('/');
  await b.page.getByRole('button', { name: 'Back to your room' }).click();
  await expect(b.page).toHaveURL(link);
  await expect(prompt(b.page)).toBeVisible();
  await expect(prompt(b.page)).not.toContainText('Your partner asked');
  await screens(b.page, 'after-next-day-prompt');
  await prompt(b.page)
    .getByRole('textbox', { name: 'Add a note (optional)' })
    .fill('Tired, a walk helped');
  await prompt(b.page).getByRole('button', { name: "I'm a bit low" }).click();
  await expect(prompt(b.page)).toHaveCount(0);
  const answers = a.page.getByRole('list', { name: "Your partner's answers" });
  await expect(answers.getByRole('listitem').first()).toContainText("Your partner: I'm a bit low");
  await expect(answers.getByRole('listitem').first()).toContainText('Tired, a walk helped');
  await screens(a.page, 'after-partner-answer', followUp(a.page));
  // A's own clock is not at the next day yet: nothing asks A.
  await expect(prompt(a.page)).toHaveCount(0);

  // The calendar file: the next follow-up (day 3, as day 1 is past on B's clock), and nothing else.
  const download = b.page.waitForEvent('download');
  await followUp(b.page).getByRole('button', { name: 'Add to calendar' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('check-in.ics');
  const path = await file.path();
  const ics = await readFile(path, 'utf8');
  const lines = ics.split('\r\n');
  expect(lines.at(-1)).toBe('');
  expect(lines).toContain('BEGIN:VCALENDAR');
  expect(lines).toContain('BEGIN:VEVENT');
  expect(lines).toContain('SUMMARY:Check in');
  expect(lines).toContain('PRODID:-//Check in//EN');
  const secret = link.split('#')[1] ?? '';
  expect(ics).not.toContain(secret);
  expect(ics).not.toMatch(/https?:|:\/\/|tandem|room/i);
  const start = lines.find((line) => line.startsWith('DTSTART:'))?.slice('DTSTART:'.length) ?? '';
  expect(start).toMatch(/^\d{8}T\d{6}Z$/);
  const startAt = Date.parse(
    `${start.slice(0, 4)}-${start.slice(4, 6)}-${start.slice(6, 8)}T${start.slice(9, 11)}:${start.slice(11, 13)}:${start.slice(13, 15)}Z`,
  );
  const phoneNow = await b.page.evaluate(() => Date.now());
  // Day 3 is ahead of B's clock (which is a day and an hour on), by less than two days.
  expect(startAt).toBeGreaterThan(phoneNow);
  expect(startAt - phoneNow).toBeLessThan(2 * 86_400_000);
});

test('"Show mine now" lets the partner read one reflection before they share theirs', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  await endSession(a, b);

  await shareReflection(a.page, 'The pace', '');
  await a.page.getByRole('button', { name: 'Show mine now' }).click();
  await expect(reflection(a.page)).toContainText('Your partner can read your answers.');
  await expect(a.page.getByRole('button', { name: 'Show mine now' })).toHaveCount(0);

  const theirs = b.page.getByRole('article', { name: "Your partner's answers" });
  await expect(reflection(b.page)).toContainText('Your partner has shared their reflection');
  await expect(theirs).toContainText('The pace');
  await expect(theirs).toContainText('Left blank');
  await screens(b.page, 'after-show-mine-now', reflection(b.page));

  // B shares: both have, so B's phone reveals its key by itself.
  await shareReflection(b.page, 'Talking after', 'More breaks');
  await expect(a.page.getByRole('article', { name: "Your partner's answers" })).toContainText(
    'More breaks',
  );
  await expect(b.page.getByRole('article', { name: 'Your answers' })).toContainText(
    'Talking after',
  );
});
