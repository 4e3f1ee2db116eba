import { afterEach, expect, it } from 'vitest';
import type { RedisRoomStore } from '../../../server/store/redis/redis-store.ts';
import type { RoomStore } from '../../../server/store/room-store.ts';
import { errorReply, expectOk } from '../../integration/support/client.ts';
import { useHarness } from '../../integration/support/harness.ts';
import type { InspectableStore } from '../../integration/support/stores.ts';
import { describeWithRedis, openTestRedisStore } from '../../support/redis.ts';
import type { TestRedisStore } from '../../support/redis.ts';
import { OwnRedisServer } from '../../support/redis-server-process.ts';

const PAUSE = { type: 'signal', kind: 'pause' } as const;

/**
 * The Redis store as the integration harness takes a store. Its dump is asynchronous, so the
 * harness's synchronous dumpForTests is not offered: these tests read the store through its own
 * methods instead.
 */
function inspectable(store: RedisRoomStore): InspectableStore {
  const delegate: RoomStore = store;
  return {
    claimSeat: (request) => delegate.claimSeat(request),
    append: (request) => delegate.append(request),
    keepRoom: (request) => delegate.keepRoom(request),
    readAfter: (request) => delegate.readAfter(request),
    getRoom: (roomId) => delegate.getRoom(roomId),
    countRooms: () => delegate.countRooms(),
    deleteRoom: (room) => delegate.deleteRoom(room),
    listEnded: (at, limit) => delegate.listEnded(at, limit),
    setPushSubscription: (request) => delegate.setPushSubscription(request),
    setWakes: (request) => delegate.setWakes(request),
    pushTargetOf: (room, seat) => delegate.pushTargetOf(room, seat),
    forgetSubscription: (room, seat, endpoint) => delegate.forgetSubscription(room, seat, endpoint),
    takeDueWakes: (now, limit) => delegate.takeDueWakes(now, limit),
    keepVapidKeys: (candidate) => delegate.keepVapidKeys(candidate),
    close: () => delegate.close(),
    dumpForTests: () => {
      throw new Error('the Redis store dumps asynchronously: use store.dumpForTests() directly');
    },
  };
}

describeWithRedis('the server on the Redis store', () => {
  const harness = useHarness();
  let own: OwnRedisServer | null = null;
  let opened: TestRedisStore | null = null;

  const serverOn = async (url?: string) => {
    opened = await openTestRedisStore(undefined, url);
    return harness.server({ store: inspectable(opened.store) });
  };

  afterEach(async () => {
    // The harness closes the server, and with it the store, after this hook: close it first so
    // the keys are removed only once nothing writes them.
    await opened?.store.close();
    await opened?.cleanup();
    await own?.dispose();
    [own, opened] = [null, null];
  });

  it('R1 R2: two partners exchange signals, a retry over a new connection is stored once, and both phones fold the same room', async () => {
    const server = await serverOn();
    const { a, b } = await harness.pairOn(server);
    const first = await a.sendOk(PAUSE);
    await b.received(first.eventId);
    const answer = await b.sendOk({ type: 'signal', kind: 'check_in' });
    await a.received(answer.eventId);

    const envelope = await a.seal({ type: 'signal', kind: 'slow_down' });
    const sent = expectOk(await a.client.request('envelope:send', envelope));
    const retried = expectOk(await a.client.request('envelope:send', envelope));
    expect(retried).toEqual({ ok: true, seq: sent.seq, duplicate: true });
    await b.received(envelope.eventId);

    await Promise.all([a.holdsUpTo(3), b.holdsUpTo(3)]);
    const [stateA, stateB] = await Promise.all([a.state(), b.state()]);
    expect(stateA).toEqual(stateB);
    expect(await server.store.getRoom(a.roomId)).toMatchObject({ lastSeq: 3 });
  });

  it('R4: while Redis is down a send is answered storage_unavailable, never dropped; once it is back the retry lands once and nothing acknowledged is lost', async () => {
    own = await OwnRedisServer.start();
    const server = await serverOn(own.url);
    const { a, b } = await harness.pairOn(server);
    const first = await a.sendOk(PAUSE);
    await b.received(first.eventId);

    const redis = opened?.redis;
    if (redis === undefined) throw new Error('no store');
    const closed = new Promise((resolve) => redis.once('close', resolve));
    await own.stop('SIGKILL');
    await closed;
    const envelope = await a.seal({ type: 'signal', kind: 'slow_down' });
    expect(await a.client.request('envelope:send', envelope)).toEqual(
      errorReply('storage_unavailable'),
    );
    expect(await b.sync(0)).toEqual(errorReply('storage_unavailable'));

    const ready = new Promise((resolve) => redis.once('ready', resolve));
    await own.restart();
    await ready;
    expect(await a.client.request('envelope:send', envelope)).toEqual({
      ok: true,
      seq: 2,
      duplicate: false,
    });
    expect((await b.received(envelope.eventId)).seq).toBe(2);
    expect(expectOk(await b.sync(0)).envelopes.map((e) => e.eventId)).toEqual([
      first.eventId,
      envelope.eventId,
    ]);
  });
});
