import { expect, test } from './support/fixtures.ts';
import { pairedRoom, screenshot, signalButton } from './support/room.ts';

test('a third device is refused and gets no controls', async ({ openPhone }) => {
  const { a, link } = await pairedRoom(openPhone);
  const c = await openPhone();
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: 'This room is full' })).toBeVisible();
  await expect(c.page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await expect(c.page.getByRole('button', { name: 'End session' })).toHaveCount(0);
  await screenshot(c.page, 'c-refused');
  // The partners are unaffected.
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
});

test('a reload before the partner joins keeps the creator in the room', async ({ openPhone }) => {
  const a = await openPhone();
  await a.page.goto('/');
  await a.page.getByRole('button', { name: 'Start a room' }).click();
  const link = await a.page.getByRole('textbox', { name: 'Invite link' }).inputValue();
  await a.page.reload();
  await expect(a.page.getByRole('textbox', { name: 'Invite link' })).toHaveValue(link);
  const b = await openPhone();
  await b.page.goto(link);
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
});

test('deleting the room removes it for both phones', async ({ openPhone }) => {
  const { a, b, link } = await pairedRoom(openPhone);
  await signalButton(a.page, 'Check in').click();
  await expect(b.page.getByRole('alert')).toBeVisible();
  await b.page.getByRole('alert').getByRole('button', { name: "I'm okay" }).click();

  await a.page.getByRole('button', { name: 'Delete room' }).click();
  await expect(a.page.getByText('Delete this room for both of you?')).toBeVisible();
  await screenshot(a.page, 'a-delete-confirm');
  await a.page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(a.page.getByRole('heading', { name: 'The room was deleted' })).toBeVisible();
  await expect(b.page.getByRole('heading', { name: 'The room was deleted' })).toBeVisible();
  await expect(b.page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await screenshot(b.page, 'b-deleted');

  // Gone on the server too: the link now leads nowhere, for anyone.
  await b.page.reload();
  await expect(b.page.getByRole('heading', { name: 'This room has ended' })).toBeVisible();
  const c = await openPhone();
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: 'This room has ended' })).toBeVisible();
});

test('a broken link says so', async ({ openPhone }) => {
  const a = await openPhone();
  await a.page.goto('/#not-a-room');
  await expect(a.page.getByRole('heading', { name: 'This link is not complete' })).toBeVisible();
  await expect(a.page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await screenshot(a.page, 'a-broken-link');
});

test('the start screen leads back to the room after the tab was left', async ({ openPhone }) => {
  const { a, b } = await pairedRoom(openPhone);
  await signalButton(b.page, 'Pause').click();
  await a.page.getByRole('alert').getByRole('button', { name: 'Got it' }).click();
  await a.page.goto('/');
  await screenshot(a.page, 'a-home-back-to-room');
  await a.page.getByRole('button', { name: 'Back to your room' }).click();
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
  await expect(b.page.getByTestId('signal-status')).toHaveText('Seen');
  await expect(a.page.getByRole('alert')).toHaveCount(0);
});
