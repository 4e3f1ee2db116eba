import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/log.ts';
import { connectRedis, logConnectionChanges } from '../../../server/store/redis/connection.ts';
import { StoreUnavailableError } from '../../../server/store/room-store.ts';
import { StoreOpenError } from '../../../server/store/sqlite/open.ts';
import { openTestRedisStore } from '../../support/redis.ts';
import type { TestRedisStore } from '../../support/redis.ts';
import { OwnRedisServer, freePort } from '../../support/redis-server-process.ts';
import { PROVEN, Rooms, T, appended, at, envelope, newCredential } from './contract/support.ts';

/** These tests start and kill a redis-server of their own; the shared one is never touched. */
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) {
  if (process.env.CI === 'true') throw new Error('CI=true but redis-server is not installed');
  process.stdout.write('redis-server is not installed: the Redis outage tests are skipped\n');
}
const describeOwnRedis = hasRedisServer ? describe : (describe.skip as typeof describe);

describeOwnRedis('RedisRoomStore when Redis goes away', () => {
  let own: OwnRedisServer | null = null;
  let opened: TestRedisStore | null = null;
  let raw: Redis | null = null;

  const start = async (overrides: Parameters<typeof openTestRedisStore>[2] = {}) => {
    own = await OwnRedisServer.start();
    opened = await openTestRedisStore(undefined, own.url, overrides);
    return { own, ...opened, rooms: new Rooms(() => opened?.store ?? fail()) };
  };

  afterEach(async () => {
    await opened?.store.close();
    raw?.disconnect();
    await own?.dispose();
    [own, opened, raw] = [null, null, null];
  });

  it('R4: refuses every call with StoreUnavailableError while Redis is down, writes nothing, and works again by itself once it is back; nothing acknowledged is lost', async () => {
    const { own: server, store, redis, rooms } = await start();
    const lines: string[] = [];
    logConnectionChanges(
      redis,
      createLogger('info', (line) => lines.push(line)),
      'store',
    );
    const room = await rooms.pair();
    const before = await rooms.fill(room, 3);

    const closed = nextEvent(redis, 'close');
    await server.stop('SIGKILL');
    await closed;

    const refused = envelope();
    const calls: (() => Promise<unknown>)[] = [
      () => rooms.append(room.holder(0), refused, T + 500),
      () => rooms.read(room.ref),
      () => rooms.keep(room.holder(0), T + 1000),
      () =>
        store.claimSeat({
          roomId: room.ref.roomId,
          credential: newCredential(),
          createIfMissing: true,
          access: PROVEN,
          knownIncarnation: null,
          at: at(T + 500),
        }),
      () => store.getRoom(room.ref.roomId),
      () => store.countRooms(),
      () => store.deleteRoom(room.ref),
      () => store.listEnded(at(T), 10),
    ];
    for (const call of calls) {
      await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
    }

    const ready = nextEvent(redis, 'ready');
    await server.restart();
    await ready;
    // The append-only file, fsynced at every write, kept every acknowledged append; the refused
    // calls wrote nothing; the phone's retry of the refused append lands once.
    expect(await rooms.log(room.ref)).toEqual(before);
    const retried = appended(await rooms.append(room.holder(0), refused, T + 501));
    expect(retried).toMatchObject({ seq: 4, eventId: refused.eventId });
    expect(await rooms.log(room.ref)).toEqual([...before, retried]);

    // Closing the store at shutdown is not an outage: nothing more is logged.
    await store.close();
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(['redis unavailable', 'redis available again']);
  });

  it('R2: a Redis that stops answering times the call out as StoreUnavailableError; if the write landed after all, the retry is its duplicate', async () => {
    const { own: server, rooms } = await start({ commandTimeout: 300 });
    const room = await rooms.pair();
    await rooms.fill(room, 1);
    const sent = envelope();

    server.pause(true);
    const late = rooms.append(room.holder(1), sent, T + 500);
    await expect(late).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      code: 'REDIS_TIMEOUT',
    });
    server.pause(false);

    // Redis ran the append when it woke: the retry, behind it on the connection, finds it.
    const retry = await rooms.append(room.holder(1), sent, T + 501);
    expect(retry).toMatchObject({
      status: 'duplicate',
      envelope: { seq: 2, eventId: sent.eventId },
    });
    expect((await rooms.log(room.ref)).map((e) => e.eventId)).toHaveLength(2);
  });

  it('R4: a read-only replica (after a failover) refuses the write with StoreUnavailableError and nothing is written', async () => {
    const { own: server, rooms } = await start();
    const room = await rooms.pair();
    const before = await rooms.fill(room, 2);
    raw = new Redis(server.url);
    // A primary that is not there: this Redis turns replica, keeps its data, and refuses writes.
    await raw.replicaof('127.0.0.1', await freePort());

    const refused = envelope();
    await expect(rooms.append(room.holder(0), refused, T + 500)).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      code: 'REDIS_READONLY',
    });
    await expect(rooms.keep(room.holder(0), T + 1000)).rejects.toMatchObject({
      code: 'REDIS_READONLY',
    });
    expect(await rooms.log(room.ref)).toEqual(before);

    await raw.replicaof('NO', 'ONE');
    expect(appended(await rooms.append(room.holder(0), refused, T + 501)).seq).toBe(3);
  });

  it('R4: a full Redis (noeviction) refuses the write with StoreUnavailableError, writes nothing, and still serves reads', async () => {
    const { own: server, store, rooms } = await start();
    const room = await rooms.pair();
    const before = await rooms.fill(room, 2);
    const record = await store.getRoom(room.ref.roomId);
    raw = new Redis(server.url);
    await raw.config('SET', 'maxmemory', '1');

    const refused = envelope();
    await expect(rooms.append(room.holder(0), refused, T + 500)).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      code: 'REDIS_OOM',
    });
    await expect(rooms.keep(room.holder(0), T + 1000)).rejects.toMatchObject({ code: 'REDIS_OOM' });
    expect(await rooms.log(room.ref)).toEqual(before);
    expect(await store.getRoom(room.ref.roomId)).toEqual(record);

    await raw.config('SET', 'maxmemory', '0');
    expect(appended(await rooms.append(room.holder(0), refused, T + 501)).seq).toBe(3);
  });

  it('does not start on a Redis that does not answer, naming it without its password', async () => {
    const port = await freePort();
    const url = `redis://tandem:hunter2@127.0.0.1:${String(port)}`;
    const opening = connectRedis(url, 'test', { connectTimeout: 1_000 });
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    const error = (await opening.catch((e: unknown) => e)) as StoreOpenError;
    expect(error.message).toContain(`127.0.0.1:${String(port)}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('hunter2');
  });
});

/**
 * The next `name` event. Not events.once: that rejects on an 'error' event, and a reconnecting
 * client emits one for every attempt that finds Redis still down.
 */
const nextEvent = (redis: Redis, name: 'close' | 'ready'): Promise<void> =>
  new Promise((resolve) => {
    redis.once(name, () => {
      resolve();
    });
  });

function fail(): never {
  throw new Error('the store is not open');
}
