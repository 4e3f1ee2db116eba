import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { test as phones, expect } from './support/fixtures.ts';
import { ownSignalStatus, screenshot, signalButton, startRoom } from './support/room.ts';
import { redisAnswers } from '../support/redis-probe.ts';
import { startProductionServer, temporaryDataDir } from './support/server.ts';
import type { RunningServer } from './support/server.ts';

/**
 * Two production processes on one Redis (the machine's, under a prefix of this test's own), each
 * serving the app on its own port: A's phone loads the page and opens its socket on the first,
 * B's on the second. They must behave as one server: presence, a signal, its receipts, a tick.
 * Skipped with a message where Redis does not answer and CI is not set; CI must run it.
 */

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** Deletes this test's keys only (SCAN MATCH prefix*), never anything else. */
async function deleteKeysUnder(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const test = phones.extend<{ two: readonly [RunningServer, RunningServer] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure.
  two: async ({}, use, testInfo) => {
    if (!(await redisAnswers(REDIS_URL))) {
      if (process.env.CI === 'true')
        throw new Error(`CI=true but Redis does not answer at ${REDIS_URL}`);
      testInfo.skip(true, `Redis does not answer at ${REDIS_URL} (CI is not set)`);
      return;
    }
    const prefix = `tandem-test:${randomBytes(6).toString('hex')}:`;
    const env = { REDIS_URL, REDIS_PREFIX: prefix };
    // DATA_DIR is unused on Redis; each process still gets its own, as it would on its machine.
    const dirs = [temporaryDataDir(), temporaryDataDir()];
    const [first, second] = await Promise.all(
      dirs.map((data) => startProductionServer({ dataDir: data.dir, env })),
    );
    if (first === undefined || second === undefined) throw new Error('two servers expected');
    await use([first, second]);
    await Promise.all([first.stop(), second.stop()]);
    for (const data of dirs) data.remove();
    await deleteKeysUnder(prefix);
  },
  // Pages open on the first process unless a test names another origin.
  baseURL: async ({ two }, use) => {
    await use(two[0].url);
  },
});

test('two phones on different processes: presence, a signal and its receipts, a shared tick', async ({
  openPhone,
  two,
}) => {
  const [first, second] = two;
  const a = await openPhone();
  const b = await openPhone();
  const link = await startRoom(a);
  expect(new URL(link).host).toBe(new URL(first.url).host);
  // The same room, opened on the other process: only the origin differs.
  const onSecond = new URL(link);
  onSecond.host = new URL(second.url).host;
  await b.page.goto(onSecond.toString());
  await expect(a.page.getByText('Your partner is here')).toBeVisible();
  await expect(b.page.getByText('Your partner is here')).toBeVisible();

  await signalButton(a.page, 'Pause').click();
  const alert = b.page.getByRole('alert');
  await expect(alert).toContainText('Pause');
  await expect(ownSignalStatus(a.page)).toHaveText('Delivered');
  await alert.getByRole('button', { name: 'Got it' }).click();
  await expect(ownSignalStatus(a.page)).toHaveText('Seen');

  await b.page.getByRole('button', { name: 'Start session' }).click();
  await b.page.getByRole('button', { name: 'End session' }).click();
  await a.page.getByRole('checkbox', { name: 'Water', exact: true }).check();
  await expect(b.page.getByRole('checkbox', { name: 'Water', exact: true })).toBeChecked();
  await screenshot(b.page, 'processes-b-on-second');

  // B's page closes: A, on the other process, is told B is gone.
  await b.page.close();
  await expect(a.page.getByText('Your partner is here')).toHaveCount(0);
});
