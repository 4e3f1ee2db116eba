import { test as phones, expect } from './support/fixtures.ts';
import type { Phone } from './support/fixtures.ts';
import { ownSignalStatus, pairedRoom, screenshot, signalButton } from './support/room.ts';
import { serveShellWhileServerIsDown } from './support/offline-shell.ts';
import { startProductionServer, temporaryDataDir } from './support/server.ts';
import type { RunningServer } from './support/server.ts';

/**
 * A server of the test's own, which the test may crash (SIGKILL) and start again on the same port
 * and the same SQLite file: the phones see one origin throughout, as behind a real deployment.
 */
interface Restartable {
  readonly url: string;
  kill(): Promise<void>;
  start(): Promise<void>;
}

const test = phones.extend<{ restartable: Restartable }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
  restartable: async ({}, use) => {
    const data = temporaryDataDir();
    const first = await startProductionServer({ dataDir: data.dir });
    const current: { server: RunningServer | null } = { server: first };
    await use({
      url: first.url,
      kill: async () => {
        await current.server?.stop('SIGKILL');
        current.server = null;
      },
      start: async () => {
        current.server = await startProductionServer({ dataDir: data.dir, port: first.port });
      },
    });
    await current.server?.stop();
    data.remove();
  },
  baseURL: async ({ restartable }, use) => {
    await use(restartable.url);
  },
});

const endedRoomHeading = (phone: Phone) =>
  phone.page.getByRole('heading', { name: /room has ended|room was deleted/ });

/** Both phones in a session that has ended, with two items ticked: a room worth keeping. */
async function roomWithTicks(openPhone: () => Promise<Phone>) {
  const { a, b } = await pairedRoom(openPhone);
  await a.page.getByRole('button', { name: 'Start session' }).click();
  await b.page.getByRole('button', { name: 'End session' }).click();
  await a.page.getByRole('checkbox', { name: 'Water', exact: true }).check();
  await b.page.getByRole('checkbox', { name: 'Rest', exact: true }).check();
  for (const phone of [a, b]) {
    await expect(phone.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeChecked();
    await expect(phone.page.getByRole('checkbox', { name: 'Rest', exact: true })).toBeChecked();
  }
  return { a, b };
}

test('R3: a server crash mid-session loses nothing; both phones say "Reconnecting…", then carry on', async ({
  openPhone,
  restartable,
}) => {
  const { a, b } = await roomWithTicks(openPhone);
  await signalButton(a.page, 'Slow down').click();
  await b.page.getByRole('button', { name: 'Got it' }).click();
  await expect(ownSignalStatus(a.page)).toHaveText('Seen');

  await restartable.kill();
  for (const phone of [a, b]) {
    await expect(phone.page.getByText('You are offline — check in out loud')).toBeVisible({
      timeout: 20_000,
    });
    await expect(phone.page.getByText('Reconnecting…').first()).toBeVisible();
  }
  // Tapped while the server is down: queued, and said to be unsent.
  await signalButton(b.page, 'Pause').click();
  await expect(ownSignalStatus(b.page)).toHaveText('Sending…');
  await screenshot(b.page, 'b-server-down');

  await restartable.start();
  // The phones reconnect by themselves; the queued Pause reaches A as a full alert.
  await expect(a.page.getByRole('alert')).toContainText('Pause', { timeout: 30_000 });
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
  for (const phone of [a, b]) {
    await expect(phone.page.getByText('Your partner is here')).toBeVisible({ timeout: 20_000 });
    await expect(phone.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeChecked();
    await expect(phone.page.getByRole('checkbox', { name: 'Rest', exact: true })).toBeChecked();
    await expect(endedRoomHeading(phone)).toHaveCount(0);
  }
  await a.page.getByRole('button', { name: 'Got it' }).click();
  await expect(ownSignalStatus(b.page)).toHaveText('Seen');
  // What happened before the crash is still as it was: A's Slow down, seen.
  await expect(a.page.getByText('Your signal: Slow down')).toBeVisible();
  await expect(ownSignalStatus(a.page)).toHaveText('Seen');
  await signalButton(a.page, 'Check in').click();
  await expect(b.page.getByRole('alert')).toContainText('How are you?');
});

test('R9: both phones reloaded while the server is down show the whole room, and a Pause goes out when it is back', async ({
  openPhone,
  restartable,
}) => {
  const { a, b } = await roomWithTicks(openPhone);

  await restartable.kill();
  const stopServing = await Promise.all(
    [a, b].map((phone) => serveShellWhileServerIsDown(phone.context)),
  );
  for (const phone of [a, b]) {
    await phone.page.reload();
    // From the phone's own copy: the checklist with both ticks, and the Pause button.
    await expect(phone.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeChecked();
    await expect(phone.page.getByRole('checkbox', { name: 'Rest', exact: true })).toBeChecked();
    await expect(phone.page.getByText('You are offline — check in out loud')).toBeVisible();
    await expect(signalButton(phone.page, 'Pause')).toBeEnabled();
  }
  await signalButton(b.page, 'Pause').click();
  await expect(ownSignalStatus(b.page)).toHaveText('Sending…');
  await expect(
    b.page.getByText('Not sent yet: this phone is offline — check in out loud.'),
  ).toBeVisible();
  await screenshot(b.page, 'b-offline-reload-room');

  await restartable.start();
  await Promise.all(stopServing.map((stop) => stop()));
  await expect(a.page.getByRole('alert')).toContainText('Pause', { timeout: 30_000 });
  await expect(ownSignalStatus(b.page)).toHaveText('Delivered');
  for (const phone of [a, b]) {
    await expect(phone.page.getByText('Your partner is here')).toBeVisible({ timeout: 20_000 });
    await expect(endedRoomHeading(phone)).toHaveCount(0);
  }
});
