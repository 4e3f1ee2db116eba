import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { TandemApp } from '../../server/app.ts';
import type { PushSettings } from '../../server/push/settings.ts';
import type { RoomStore } from '../../server/store/room-store.ts';
import { SqliteRoomStore } from '../../server/store/sqlite/sqlite-store.ts';
import { VapidPublicKey } from '../../shared/push.ts';
import { describeWithRedis, openTestRedisStore } from '../support/redis.ts';
import type { TestRedisStore } from '../support/redis.ts';
import { tempDir } from '../support/temp-sqlite.ts';
import type { TempDir } from '../support/temp-sqlite.ts';

/**
 * The VAPID key pair is made once and kept with the store: a phone's subscription names the
 * server's public key, so a restart, or another process on the same Redis, must sign with the
 * same pair or every push would be refused by the push service.
 */

const PUSH: PushSettings = {
  subject: 'mailto:tests@tandem.invalid',
  keys: null,
  serviceHosts: ['127.0.0.1'],
};
const LIFETIME = { idleMs: 3_600_000, maxAgeMs: 86_400_000 };

const apps: TandemApp[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function appOn(store: RoomStore, push: PushSettings = PUSH): TandemApp {
  const app = createApp({ store }, { staticDir: null, lifetime: LIFETIME, push });
  apps.push(app);
  return app;
}

async function publicKeyOf(app: TandemApp): Promise<string> {
  if (app.push === null) throw new Error('push is off');
  return app.push.publicKey();
}

describe('VAPID keys', () => {
  it('are made on first start and survive a restart on SQLite', async () => {
    const dir: TempDir = tempDir();
    cleanups.push(dir.remove);
    const first = appOn(SqliteRoomStore.openIn(dir.dir));
    const key = await publicKeyOf(first);
    expect(VapidPublicKey.safeParse(key).success).toBe(true);
    await first.close();

    const restarted = appOn(SqliteRoomStore.openIn(dir.dir));
    expect(await publicKeyOf(restarted)).toBe(key);
  });

  it('come from the environment when given, and the store keeps none', async () => {
    const dir: TempDir = tempDir();
    cleanups.push(dir.remove);
    const given = { publicKey: `B${'e'.repeat(86)}`, privateKey: 'p'.repeat(43) };
    const store = SqliteRoomStore.openIn(dir.dir);
    const app = appOn(store, { ...PUSH, keys: given });
    expect(await publicKeyOf(app)).toBe(given.publicKey);
    const offered = { publicKey: 'offered', privateKey: 'offered' };
    expect(await store.keepVapidKeys(offered)).toEqual(offered);
  });
});

describeWithRedis('VAPID keys on Redis', () => {
  it('are one pair for every process on the same Redis', async () => {
    const prefix = `tandem-push-server-test:${randomBytes(6).toString('hex')}:`;
    const stores: TestRedisStore[] = [
      await openTestRedisStore(prefix),
      await openTestRedisStore(prefix),
    ];
    cleanups.push(() => stores[0]?.cleanup());
    const [one, two] = stores.map((opened) => appOn(opened.store));
    if (one === undefined || two === undefined) throw new Error('two apps');
    const [keyOne, keyTwo] = await Promise.all([publicKeyOf(one), publicKeyOf(two)]);
    expect(keyOne).toBe(keyTwo);
    expect(VapidPublicKey.safeParse(keyOne).success).toBe(true);
  });
});
