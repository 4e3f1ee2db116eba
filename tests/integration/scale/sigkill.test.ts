import { expect, it } from 'vitest';
import {
  REDIS_TEST_URL,
  deleteKeysUnder,
  describeWithRedis,
  uniquePrefix,
} from '../../support/redis.ts';
import { useServerProcesses } from '../../support/server-process.ts';
import { presenceBothOnline } from '../support/client.ts';
import { useHarness } from '../support/harness.ts';

/**
 * Real processes (the production entry point, as deployed) on the machine's Redis: the one
 * holding B's connection is killed with SIGKILL, so nothing of it ever says B left. A, on the
 * other process, must still be told B is offline: the survivor notices the process gone from
 * the roster in Redis and announces presence again (server/scale/process-roster.ts).
 */

describeWithRedis('a process killed with SIGKILL', () => {
  const harness = useHarness();
  const servers = useServerProcesses();

  it('R12: its phone is shown offline to the partner on another process', async () => {
    const prefix = uniquePrefix();
    try {
      const env = { REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX: prefix };
      const [first, second] = await Promise.all([servers.start(env), servers.start(env)]);
      const a = await harness.starter(first);
      await a.enter({ create: true });
      const b = await harness.invitee(a, second);
      await b.enter();
      await a.client.until(() => a.client.presence.some(presenceBothOnline), 'A sees B');

      const told = a.client.until(
        () => a.client.presence.at(-1)?.seats[1].online === false,
        'A told B is offline',
      );
      const announced = first.nextRecord(
        (record) => record.msg === 'process gone: presence announced again',
      );
      second.kill('SIGKILL');
      expect(await second.exited).toMatchObject({ signal: 'SIGKILL' });
      await told;
      expect(await announced).toMatchObject({ processes: 1, rooms: 1, failed: 0 });
      expect(a.client.presence.at(-1)?.seats).toEqual([
        { taken: true, online: true, push: false },
        { taken: true, online: false, push: false },
      ]);
    } finally {
      await deleteKeysUnder(prefix);
    }
  });
});
