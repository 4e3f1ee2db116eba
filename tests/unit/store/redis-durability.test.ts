import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/log.ts';
import { logDurability, readDurability } from '../../../server/store/redis/durability.ts';
import type { RedisDurability } from '../../../server/store/redis/durability.ts';
import { OwnRedisServer } from '../../support/redis-server-process.ts';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const describeOwnRedis = hasRedisServer ? describe : (describe.skip as typeof describe);

/** The one line logDurability writes, as level and message. */
function lineFor(durability: RedisDurability): { level: string; msg: string } {
  const lines: string[] = [];
  logDurability(
    createLogger('info', (line) => lines.push(line)),
    durability,
  );
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '{}') as { level: string; msg: string };
}

describe('what the Redis store says at start about durability', () => {
  it.each<[RedisDurability, string]>([
    [{ appendfsync: 'always', evicts: false }, 'info'],
    [{ appendfsync: 'everysec', evicts: false }, 'warn'],
    [{ appendfsync: 'no', evicts: false }, 'warn'],
    [{ appendfsync: 'off', evicts: false }, 'warn'],
    [{ appendfsync: 'always', evicts: true }, 'warn'],
    [{ appendfsync: 'unknown', evicts: 'unknown' }, 'warn'],
  ])('%o → %s', (durability, level) => {
    expect(lineFor(durability).level).toBe(level);
  });
});

describeOwnRedis('reading durability from a Redis of our own', () => {
  let own: OwnRedisServer | null = null;
  let redis: Redis | null = null;

  afterEach(async () => {
    redis?.disconnect();
    await own?.dispose();
    [own, redis] = [null, null];
  });

  it('finds the append-only file fsynced always, then what changing it at run time means', async () => {
    own = await OwnRedisServer.start();
    redis = new Redis(own.url);
    expect(await readDurability(redis)).toEqual({ appendfsync: 'always', evicts: false });
    await redis.config('SET', 'appendfsync', 'everysec');
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    expect(await readDurability(redis)).toEqual({ appendfsync: 'everysec', evicts: true });
    await redis.config('SET', 'appendonly', 'no');
    expect(await readDurability(redis)).toMatchObject({ appendfsync: 'off' });
  });
});
