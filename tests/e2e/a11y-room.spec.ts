import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { auditScreen } from './support/a11y.ts';
import { withClock } from './support/after.ts';
import { signalButton, startRoom } from './support/room.ts';

/**
 * Issue 15 item 5 in a room, on one pair of phones whose clocks Playwright drives: the invite, the
 * room before the session (wishes editor, partner's wishes, regular check-ins), the running
 * session (keep screen on), a partner's alert of each kind and once insistent, a regular
 * check-in's prompt, and the room-full notice on a third phone. Each screen: axe in both schemes at
 * 390 and 320 px, target sizes, signals within reach, landscape and text at 200%.
 */

test.describe.configure({ timeout: 900_000 });

const alertOn = (page: Page) => page.getByRole('alert');

test('every room screen before and during the session', async ({ openPhone }) => {
  const phoneWithClock = withClock(openPhone);
  const a = await phoneWithClock();
  const b = await phoneWithClock();

  // Waiting for the partner: the invite.
  const link = await startRoom(a);
  await expect(a.page.getByText('Your partner has not joined yet')).toBeVisible();
  await auditScreen(a.page, 'invite');

  await b.page.goto(link);
  for (const phone of [a, b])
    await expect(phone.page.getByText('Your partner is here')).toBeVisible();
  await auditScreen(a.page, 'room-before');

  // The wishes editor, filled in a little, and the partner's wishes once shared.
  await a.page.getByRole('button', { name: 'Aftercare wishes', exact: true }).click();
  await a.page
    .getByRole('group', { name: 'Body', exact: true })
    .getByRole('checkbox', { name: 'Water' })
    .check();
  await a.page.getByRole('textbox', { name: 'Something else that helps' }).fill('A walk outside');
  await a.page.getByRole('button', { name: 'Add', exact: true }).click();
  await a.page.getByRole('radio', { name: 'Space', exact: true }).check();
  await auditScreen(a.page, 'wishes-editor', {
    focus: a.page.getByRole('group', { name: 'Body', exact: true }),
  });
  await a.page.getByRole('button', { name: 'Share with my partner' }).click();
  const partnerWishes = b.page.getByRole('region', { name: "Your partner's wishes" });
  await expect(partnerWishes).toContainText('A walk outside');
  await auditScreen(b.page, 'partner-wishes', { focus: partnerWishes });

  // Regular check-ins every 10 minutes, then the session: Keep screen on shows.
  await a.page.getByRole('combobox', { name: 'Regular check-ins' }).selectOption({
    label: 'Every 10 minutes',
  });
  await a.page.getByRole('button', { name: 'Start session' }).click();
  for (const phone of [a, b]) {
    await expect(phone.page.getByRole('heading', { name: 'Session in progress' })).toBeVisible();
  }
  const keepScreenOn = a.page.getByRole('switch', { name: 'Keep screen on' });
  await expect(keepScreenOn).toBeVisible();
  await auditScreen(a.page, 'in-session', { focus: keepScreenOn });

  // A partner's alert of each kind, and what the sender's dock says meanwhile.
  for (const [name, file] of [
    ['Pause', 'pause'],
    ['Slow down', 'slow-down'],
    ['Check in', 'check-in'],
  ] as const) {
    await signalButton(b.page, name).click();
    await expect(alertOn(a.page)).toContainText(name);
    await auditScreen(a.page, `alert-${file}`);
    const answer = name === 'Check in' ? "I'm okay" : 'Got it';
    await alertOn(a.page).getByRole('button', { name: answer }).click();
    await expect(alertOn(a.page)).toHaveCount(0);
  }
  await expect(b.page.getByTestId('signal-status')).toHaveText('Answered');
  await auditScreen(b.page, 'sender-answered', { layout: false });

  // Unseen past 10 s, an alert turns insistent.
  await signalButton(b.page, 'Pause').click();
  await expect(alertOn(a.page)).toContainText('Pause');
  await a.page.clock.fastForward(11_000);
  await expect(a.page.getByRole('alertdialog')).toHaveClass(/alert--insistent/);
  await auditScreen(a.page, 'alert-insistent', { layout: false });
  await alertOn(a.page).getByRole('button', { name: 'Got it' }).click();

  // Ten minutes on: the regular check-in's prompt on both phones.
  for (const phone of [a, b]) await phone.page.clock.fastForward('10:00');
  for (const phone of [a, b]) {
    await expect(alertOn(phone.page)).toContainText('Time for your regular check-in');
  }
  await auditScreen(a.page, 'round-prompt');
  for (const phone of [a, b]) {
    await alertOn(phone.page).getByRole('button', { name: "I'm okay" }).click();
  }

  // A third phone is turned away.
  const c = await openPhone();
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: 'This room is full' })).toBeVisible();
  await auditScreen(c.page, 'room-full');
});
