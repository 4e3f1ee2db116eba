import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { CONNECTION_COUNT_TTL_SECONDS } from '../../../server/limits/redis-limiters.ts';
import { REDIS_TEST_URL, describeWithRedis } from '../../support/redis.ts';
import type { ClientSocket } from '../support/client.ts';
import { useHarness } from '../support/harness.ts';
import { attempt, withLimits } from '../edge/support.ts';
import type { Outcome } from '../edge/support.ts';
import { useCluster } from './support/cluster.ts';

/**
 * Limits keyed by address hold across processes: they are counted in Redis, under the
 * deployment's prefix. The count of open connections expires (CONNECTION_COUNT_TTL_SECONDS), so
 * points a dead process never gave back cannot lock an address out for ever.
 */

describeWithRedis('limits across processes', () => {
  useHarness();
  const cluster = useCluster();
  const sockets: ClientSocket[] = [];

  const keep = (outcome: Outcome): Outcome => {
    if (outcome.status === 'connected') sockets.push(outcome.socket);
    return outcome;
  };

  it('connections per address are counted across processes, in a count that expires', async () => {
    const edge = withLimits({ connectionsPerAddress: 2 });
    const [first, second] = [await cluster.node({ edge }), await cluster.node({ edge })];
    try {
      expect(keep(await attempt(first.url)).status).toBe('connected');
      expect(keep(await attempt(second.url)).status).toBe('connected');
      // The third is refused by either process: they count the same address together.
      expect(keep(await attempt(first.url)).status).toBe('refused');
      expect(keep(await attempt(second.url)).status).toBe('refused');

      const redis = new Redis(REDIS_TEST_URL);
      try {
        const key = `${cluster.prefix}limit:connections:127.0.0.1`;
        expect(await redis.get(key)).toBe('2');
        const ttl = await redis.ttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(CONNECTION_COUNT_TTL_SECONDS);
      } finally {
        redis.disconnect();
      }
    } finally {
      for (const socket of sockets.splice(0)) socket.close();
    }
  });
});
