import { expect, test } from './support/fixtures.ts';
import { pairedRoom, screenshot, signalButton } from './support/room.ts';

const DEFAULT_ITEMS = [
  'Water',
  'A snack',
  'Warmth or a blanket',
  'Rest',
  'Tending to marks or sore spots',
  'A hug',
  'Talking it through',
  'Quiet',
];

test('ending the session opens one shared checklist on both phones; it survives a reload', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  await a.page.getByRole('button', { name: 'Start session' }).click();
  await expect(b.page.getByRole('heading', { name: 'Session in progress' })).toBeVisible();
  await expect(a.page.getByRole('heading', { name: 'Session in progress' })).toBeVisible();
  await screenshot(b.page, 'b-session');

  await b.page.getByRole('button', { name: 'End session' }).click();
  for (const phone of [a, b]) {
    await expect(phone.page.getByRole('heading', { name: 'Aftercare' })).toBeVisible();
    for (const label of DEFAULT_ITEMS) {
      await expect(phone.page.getByRole('checkbox', { name: label, exact: true })).toBeVisible();
    }
  }

  // A tick on one phone shows on the other.
  await a.page.getByRole('checkbox', { name: 'Water', exact: true }).check();
  await expect(b.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeChecked();
  await b.page.getByRole('checkbox', { name: 'Rest', exact: true }).check();
  await expect(a.page.getByRole('checkbox', { name: 'Rest', exact: true })).toBeChecked();
  await b.page.getByRole('checkbox', { name: 'Rest', exact: true }).uncheck();
  await expect(a.page.getByRole('checkbox', { name: 'Rest', exact: true })).not.toBeChecked();

  // Items can be added, for either partner or both.
  await b.page.getByRole('textbox', { name: 'New item' }).fill('Fresh air');
  await b.page.getByRole('combobox', { name: 'For' }).selectOption({ label: 'Me' });
  await b.page.getByRole('button', { name: 'Add item' }).click();
  const added = a.page.getByRole('checkbox', { name: 'Fresh air', exact: true });
  await expect(added).toBeVisible();
  await expect(a.page.getByText('for your partner')).toBeVisible();
  await expect(b.page.getByText('for you')).toBeVisible();
  await added.check();
  await expect(b.page.getByRole('checkbox', { name: 'Fresh air', exact: true })).toBeChecked();
  await screenshot(a.page, 'a-checklist');

  // Signals still work on the checklist.
  await signalButton(b.page, 'Slow down').click();
  await expect(a.page.getByRole('alert')).toContainText('Slow down');
  await a.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();

  // A reload returns to the same seat and the same state.
  await b.page.reload();
  await expect(b.page.getByRole('heading', { name: 'Aftercare' })).toBeVisible();
  await expect(b.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeChecked();
  await expect(b.page.getByRole('checkbox', { name: 'Fresh air', exact: true })).toBeChecked();
  await expect(b.page.getByRole('checkbox', { name: 'Rest', exact: true })).not.toBeChecked();
  await expect(b.page.getByText('Your partner is here')).toBeVisible();
  await expect(b.page.getByTestId('signal-status')).toHaveText('Seen');
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
  // Still the same seat: the room has not become full for B, and signals flow both ways.
  await signalButton(b.page, 'Pause').click();
  await expect(a.page.getByRole('alert')).toContainText('Pause');
});

test('the screens after the end load apart from the first load; if they cannot, signals still work and a retry fetches them', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone, async (phone) => {
    await phone.page.route(/\/assets\/AfterPanels-[\w-]+\.js$/, (route) => route.abort());
  });
  await a.page.getByRole('button', { name: 'End session' }).click();
  await expect(a.page.getByRole('heading', { name: 'Aftercare' })).toBeVisible();
  await expect(b.page.getByText('This part could not load. Signals still work.')).toBeVisible();
  await signalButton(b.page, 'Pause').click();
  await expect(a.page.getByRole('alert')).toContainText('Pause');
  await a.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();

  await b.page.unroute(/\/assets\/AfterPanels-[\w-]+\.js$/);
  await b.page.getByRole('button', { name: 'Try again' }).click();
  await expect(b.page.getByRole('heading', { name: 'Aftercare' })).toBeVisible();
  await expect(b.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeVisible();
});
