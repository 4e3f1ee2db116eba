import { expect, test } from './support/fixtures.ts';
import {
  cutOffFromServer,
  ownSignalStatus,
  pairedRoom,
  screenshot,
  signalButton,
} from './support/room.ts';

test('an offline partner is shown plainly, and a signal sent meanwhile arrives when they return', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);

  await b.context.setOffline(true);
  // Presence comes from the heartbeat, so A learns within seconds, without B saying goodbye.
  await expect(a.page.getByText("Your partner's phone is offline — check in out loud")).toBeVisible(
    { timeout: 20_000 },
  );
  await expect(b.page.getByText('You are offline — check in out loud')).toBeVisible({
    timeout: 20_000,
  });

  await signalButton(a.page, 'Pause').click();
  await expect(ownSignalStatus(a.page)).toHaveText('Sent');
  await expect(a.page.getByText('Their phone is offline — check in out loud.')).toBeVisible();
  await screenshot(a.page, 'a-partner-offline');

  // B taps while offline: the outbox keeps it as "sending", never "sent".
  await signalButton(b.page, 'Slow down').click();
  await expect(ownSignalStatus(b.page)).toHaveText('Sending…');
  await screenshot(b.page, 'b-offline-sending');

  await b.context.setOffline(false);
  await expect(b.page.getByRole('alert')).toContainText('Pause', { timeout: 20_000 });
  await expect(ownSignalStatus(a.page)).toHaveText('Delivered');
  await expect(a.page.getByRole('alert')).toContainText('Slow down');
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
});

test('a reload while the server is out of reach still shows the room, and its Pause goes out later', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  const reconnect = await cutOffFromServer(b.page);
  await b.page.reload();

  await expect(b.page.getByRole('heading', { name: 'Reconnecting…' })).toBeVisible();
  await expect(b.page.getByText('You are offline — check in out loud')).toBeVisible();
  await signalButton(b.page, 'Pause').click();
  await expect(ownSignalStatus(b.page)).toHaveText('Sending…');
  await expect(
    b.page.getByText('Not sent yet: this phone is offline — check in out loud.'),
  ).toBeVisible();
  await expect(b.page.getByText('Their phone is offline')).toHaveCount(0);
  await screenshot(b.page, 'b-reload-unreachable');

  reconnect();
  // The phone keeps trying by itself (socket.io's backoff, and a watchdog for stalled attempts).
  await expect(a.page.getByRole('alert')).toContainText('Pause', { timeout: 30_000 });
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
  await expect(b.page.getByText('Your partner is here')).toBeVisible();
});

test('a new phone that cannot reach the server says so, and offers the way back', async ({
  openPhone,
}) => {
  const { link } = await pairedRoom(openPhone);
  const c = await openPhone();
  await cutOffFromServer(c.page);
  await c.page.goto(link);
  // Said as soon as an attempt fails, or (for a connection dropped mid-handshake, which socket.io
  // does not report) when the watchdog restarts the stalled attempt.
  await expect(c.page.getByText("Can't reach the server. Still trying…")).toBeVisible({
    timeout: 30_000,
  });
  // No seat yet, so no room controls: nothing it tapped could be sent as anyone.
  await expect(c.page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await screenshot(c.page, 'c-unreachable');
  await c.page.getByRole('button', { name: 'Back to the start' }).click();
  await expect(c.page.getByRole('button', { name: 'Start a room' })).toBeVisible();
});

test('a room that ended while a Pause was still unsent says the Pause did not go', async ({
  openPhone,
}) => {
  const { a, b } = await pairedRoom(openPhone);
  await b.context.setOffline(true);
  await signalButton(b.page, 'Pause').click();
  await expect(ownSignalStatus(b.page)).toHaveText('Sending…');
  await a.page.getByRole('button', { name: 'Delete room' }).click();
  await a.page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(a.page.getByRole('heading', { name: 'The room was deleted' })).toBeVisible();

  await b.context.setOffline(false);
  await expect(b.page.getByRole('heading', { name: 'This room has ended' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    b.page.getByText('Your last signal was not sent — check in out loud.'),
  ).toBeVisible();
  await screenshot(b.page, 'b-ended-unsent');
});
