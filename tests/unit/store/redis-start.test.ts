import { describe, expect, it } from 'vitest';
import {
  uniquePrefix,
  describeWithRedis,
  REDIS_TEST_URL,
  deleteKeysUnder,
} from '../../support/redis.ts';
import { freePort } from '../../support/redis-server-process.ts';
import { useServerProcesses } from '../../support/server-process.ts';

describe('the server on Redis', () => {
  const processes = useServerProcesses();

  it('stops at start, with one line on stderr and exit 1, when Redis does not answer (no password shown)', async () => {
    const port = await freePort();
    const server = processes.spawn({
      REDIS_URL: `redis://tandem:hunter2@127.0.0.1:${String(port)}`,
    });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    const lines = server.stderrText().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Tandem cannot start: cannot open the store at redis://127\\.0\\.0\\.1:${String(port)}.*ECONNREFUSED`,
      ),
    );
    expect(server.stderrText()).not.toContain('hunter2');
  });

  it('refuses a STORE that contradicts REDIS_URL before trying anything', async () => {
    const server = processes.spawn({ REDIS_URL: 'redis://127.0.0.1:6379', STORE: 'sqlite' });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.stderrText()).toContain('STORE: REDIS_URL is set');
  });

  describeWithRedis('with Redis answering', () => {
    it('starts on REDIS_URL, says the store is redis, and shuts down cleanly', async () => {
      const prefix = uniquePrefix();
      try {
        const server = await processes.start({ REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX: prefix });
        expect(server.stdoutLines.join('\n')).toContain('"store":"redis"');
        server.kill('SIGTERM');
        expect(await server.exited).toEqual({ code: 0, signal: null });
      } finally {
        await deleteKeysUnder(prefix);
      }
    });
  });
});
