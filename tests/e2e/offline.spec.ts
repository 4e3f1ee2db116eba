import { expect, test } from './support/fixtures.ts';
import { ownSignalStatus, pairedRoom, screenshot, signalButton } from './support/room.ts';

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
  let reachable = true;
  // Cut B off from the socket server (both transports) while the page itself still loads.
  await b.page.routeWebSocket(/\/socket\.io\//, (socket) => {
    if (reachable) socket.connectToServer();
    else void socket.close();
  });
  await b.page.route(/\/socket\.io\//, async (route) => {
    if (reachable) await route.continue();
    else await route.abort('connectionrefused');
  });
  reachable = false;
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

  reachable = true;
  // The phone keeps trying by itself (socket.io's backoff, and a watchdog for stalled attempts).
  await expect(a.page.getByRole('alert')).toContainText('Pause', { timeout: 30_000 });
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
  await expect(b.page.getByText('Your partner is here')).toBeVisible();
});
