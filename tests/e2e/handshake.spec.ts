import { expect, test as base } from './support/fixtures.ts';
import { screenshot, signalButton, startRoom } from './support/room.ts';
import { startProductionServer, temporaryDataDir } from './support/server.ts';
import type { RunningServer } from './support/server.ts';

/**
 * A server that allows one connection per address (CONNECTIONS_PER_ADDRESS=1): the second phone
 * on this machine is refused at the handshake, where a browser learns nothing of why.
 */
const test = base.extend<{ strictServer: RunningServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
  strictServer: async ({}, use) => {
    const data = temporaryDataDir();
    const server = await startProductionServer({
      dataDir: data.dir,
      env: { CONNECTIONS_PER_ADDRESS: '1' },
    });
    await use(server);
    await server.stop();
    data.remove();
  },
  baseURL: async ({ strictServer }, use) => {
    await use(strictServer.url);
  },
});

test('a phone refused at the handshake says why, keeps trying, and joins once it may', async ({
  openPhone,
}) => {
  const a = await openPhone();
  const link = await startRoom(a);

  // B's socket is refused: its opening screen gives the server's reason, not just "can't reach".
  const b = await openPhone();
  await b.page.goto(link);
  await expect(
    b.page.getByText('Too many connections from this network right now. Still trying…'),
  ).toBeVisible();
  await screenshot(b.page, 'handshake-refused');

  // A leaves: its connection is given back, and B's next attempt gets in.
  await a.page.close();
  await expect(
    b.page.getByText("Your partner's phone is offline — check in out loud"),
  ).toBeVisible();
  await expect(signalButton(b.page, 'Pause')).toBeEnabled();
});
