import { expect, test } from './support/fixtures.ts';
import {
  ownSignalStatus,
  pairedRoom,
  screenshot,
  signalButton,
  startRoom,
} from './support/room.ts';

test('starting a room shows an invite: link, QR code, copy, and who can join', async ({
  openPhone,
}) => {
  const a = await openPhone();
  const link = await startRoom(a);
  const { page } = a;
  await expect(page.getByRole('img', { name: 'Invite QR code' })).toBeVisible();
  await expect(
    page.getByText('Anyone with this link can join until your partner does.'),
  ).toBeVisible();
  await expect(page.getByText('Your partner has not joined yet')).toBeVisible();
  await page.getByRole('button', { name: 'Copy invite link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // The secret travels only in the fragment.
  expect(new URL(link).pathname).toBe('/');
  await expect(signalButton(page, 'Pause')).toBeVisible();
  await screenshot(page, 'a-invite');
});

test('each signal alerts the partner until acknowledged; the sender sees delivered and seen', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  await screenshot(a.page, 'a-paired');

  for (const [name, detail] of [
    ['Pause', 'Your partner asked to pause.'],
    ['Slow down', 'Your partner asked to slow down.'],
  ] as const) {
    await signalButton(a.page, name).click();
    const alert = b.page.getByRole('alert');
    await expect(alert).toContainText(name);
    await expect(alert).toContainText(detail);
    await expect(ownSignalStatus(a.page)).toHaveText('Delivered');
    await screenshot(b.page, `b-alert-${name.replace(' ', '-').toLowerCase()}`);
    await alert.getByRole('button', { name: 'Got it' }).click();
    await expect(b.page.getByRole('alert')).toHaveCount(0);
    await expect(ownSignalStatus(a.page)).toHaveText('Seen');
  }
  await screenshot(a.page, 'a-seen');

  // A check-in asks for an answer instead of "Got it".
  await signalButton(a.page, 'Check in').click();
  const checkIn = b.page.getByRole('alert');
  await expect(checkIn).toContainText('How are you?');
  await expect(checkIn.getByRole('button', { name: 'Got it' })).toHaveCount(0);
  await expect(checkIn.getByRole('button', { name: 'Slow down' })).toBeVisible();
  await expect(checkIn.getByRole('button', { name: 'Pause' })).toBeVisible();
  await screenshot(b.page, 'b-alert-check-in');
  await checkIn.getByRole('button', { name: "I'm okay" }).click();
  await expect(ownSignalStatus(a.page)).toHaveText('Answered');
  await expect(a.page.getByText("Your partner: I'm okay")).toBeVisible();

  // And the other way round.
  await expect(a.page).toHaveTitle('Tandem');
  await signalButton(b.page, 'Pause').click();
  await expect(a.page.getByRole('alert')).toContainText('Pause');
  // The tab says, neutrally, that something waits; and stops saying so once it is answered.
  await expect(a.page).toHaveTitle('(1) Tandem');
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
  await a.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await expect(ownSignalStatus(b.page)).toHaveText('Seen');
  await expect(a.page).toHaveTitle('Tandem');
});

test('answering a check-in with Pause alerts the asker in full', async ({ openPhone }) => {
  const { a, b } = await pairedRoom(openPhone);
  await signalButton(a.page, 'Check in').click();
  await b.page.getByRole('alert').getByRole('button', { name: 'Pause' }).click();
  const alert = a.page.getByRole('alert');
  await expect(alert).toContainText('Pause');
  await alert.getByRole('button', { name: 'Got it' }).click();
  await expect(a.page.getByText('Your partner: Pause')).toBeVisible();
});

test('a signal not seen within 10 seconds is called out to the sender, and the alert keeps buzzing', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  // Record B's vibrations (the page's own navigator.vibrate, replaced before the app loads).
  await b.page.addInitScript(() => {
    const calls: (number | number[])[] = [];
    Object.assign(window, { vibrations: calls });
    navigator.vibrate = ((pattern: number | number[]) => {
      calls.push(Array.isArray(pattern) ? [...pattern] : pattern);
      return true;
    }) as typeof navigator.vibrate;
  });
  await b.page.reload();
  await expect(b.page.getByText('Your partner is here')).toBeVisible();
  const vibrations = () =>
    b.page.evaluate(() => (window as unknown as { vibrations: (number | number[])[] }).vibrations);

  await signalButton(a.page, 'Slow down').click();
  await expect(ownSignalStatus(a.page)).toHaveText('Delivered');
  // B's alert stays up, unacknowledged; A is told plainly rather than left hoping.
  await expect(a.page.getByText('Not seen yet — check in out loud.')).toBeVisible({
    timeout: 20_000,
  });
  await expect(b.page.getByRole('alert')).toContainText('Slow down');
  await screenshot(a.page, 'a-not-seen');
  // Over those 10 s the unacknowledged alert buzzed on arrival, in Slow down's own pattern, and
  // again; then it turns insistent: a longer buzz, and the screen says so too.
  const buzzes = (await vibrations()).filter((pattern) => Array.isArray(pattern));
  expect(buzzes.length).toBeGreaterThanOrEqual(2);
  expect(buzzes[0]).toEqual([400, 200, 400]);
  await expect(b.page.locator('.alert--insistent')).toBeVisible();
  await expect
    .poll(async () => (await vibrations()).some((p) => Array.isArray(p) && p.length > 3))
    .toBe(true);
  await screenshot(b.page, 'b-insistent-alert');
  await b.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await expect(ownSignalStatus(a.page)).toHaveText('Seen');
  await expect(a.page.getByText('Not seen yet — check in out loud.')).toHaveCount(0);
  // Acknowledging stops it.
  await expect.poll(async () => (await vibrations()).at(-1)).toBe(0);
});

test('a double tap on "Got it" does not fall through to the Pause button beneath it', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  await signalButton(a.page, 'Pause').click();
  // Two taps at one spot, the second after the alert has gone, as a quick double tap does.
  const gotIt = b.page.getByRole('alert').getByRole('button', { name: 'Got it' });
  const box = await gotIt.boundingBox();
  if (box === null) throw new Error('"Got it" has no box');
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await b.page.mouse.click(x, y);
  await expect(b.page.getByRole('alert')).toHaveCount(0);
  await b.page.mouse.click(x, y);
  await expect(ownSignalStatus(a.page)).toHaveText('Seen');
  // A deliberate signal afterwards is the only one A receives: no stray Pause waits behind it.
  await signalButton(b.page, 'Check in').click();
  const alert = a.page.getByRole('alert');
  await expect(alert).toContainText('How are you?');
  await expect(alert).not.toContainText('more from your partner');
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
  await expect(b.page.getByText('Your signal: Check in')).toBeVisible();
});
