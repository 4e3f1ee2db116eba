import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { BACKSTOP_GRACE_MS } from '../../../server/store/redis/redis-store.ts';
import { roomKeyList, roomKeys } from '../../../server/store/redis/keys.ts';
import type { AppendOutcome, AppendRequest, RoomStore } from '../../../server/store/room-store.ts';
import type { OutgoingEnvelope } from '../../../shared/protocol.ts';
import {
  REDIS_TEST_URL,
  describeWithRedis,
  openTestRedisStore,
  uniquePrefix,
} from '../../support/redis.ts';
import type { TestRedisStore } from '../../support/redis.ts';
import {
  HOUR,
  LIFETIME,
  PROVEN,
  Rooms,
  T,
  appended,
  at,
  envelope,
  newCredential,
  roomOf,
  seatOf,
} from './contract/support.ts';
import { newRoomId } from '../../support/ids.ts';
import { describeRoomStoreContract } from './room-store-contract.ts';

describeWithRedis('RedisRoomStore', () => {
  describeRoomStoreContract('RedisRoomStore', () => openTestRedisStore());

  /** Two stores on one prefix, each on its own connection: two server processes, as Redis sees them. */
  let opened: TestRedisStore[] = [];
  let raw: Redis | null = null;

  const twoStores = async (): Promise<[RoomStore, RoomStore, string]> => {
    const prefix = uniquePrefix();
    const first = await openTestRedisStore(prefix);
    const second = await openTestRedisStore(prefix);
    opened.push(first, second);
    return [first.store, second.store, prefix];
  };

  /** A plain connection, to look at what the store wrote. */
  const inspect = (): Redis => (raw ??= new Redis(REDIS_TEST_URL));

  afterEach(async () => {
    for (const { store } of opened) await store.close();
    for (const { cleanup } of opened) await cleanup();
    opened = [];
    raw?.disconnect();
    raw = null;
  });

  it('R1 R2: appends racing from two connections get gap-free sequence numbers, each event once', async () => {
    const [left, right] = await twoStores();
    const room = await new Rooms(() => left).pair();
    // Each step: which connection, which seat, which of 8 events (again = a retry or a reuse).
    const steps = fc.array(
      fc.record({ via: fc.constantFrom(0, 1), seat: fc.constantFrom(0, 1), event: fc.nat(7) }),
      { minLength: 1, maxLength: 30 },
    );
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        const events: OutgoingEnvelope[] = Array.from({ length: 8 }, () => envelope());
        const before = sent;
        const outcomes = await Promise.all(
          plan.map(({ via, seat, event }) =>
            (via === 0 ? left : right).append({
              by: room.holder(seat === 0 ? 0 : 1),
              envelope: events[event] ?? envelope(),
              at: at(T + 100),
            }),
          ),
        );
        const appendedNow = outcomes.filter((o) => o.status === 'appended').length;
        sent += appendedNow;
        // Either connection reads the same whole log: dense from 1, every event id once.
        const [fromLeft, fromRight] = await Promise.all(
          [left, right].map((store) => new Rooms(() => store).log(room.ref)),
        );
        expect(fromRight).toEqual(fromLeft);
        expect(fromLeft?.map((e) => e.seq)).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
        expect(new Set(fromLeft?.map((e) => e.eventId)).size).toBe(sent);
        // Every event this run sent is in the log once, owned by the seat that sent it first.
        const fresh = fromLeft?.slice(before) ?? [];
        expect(new Set(fresh.map((e) => e.eventId))).toEqual(
          new Set(plan.map(({ event }) => events[event]?.eventId)),
        );
        outcomes.forEach((outcome, i) => {
          const step = plan[i];
          const stored = fresh.find((e) => e.eventId === events[step?.event ?? -1]?.eventId);
          if (outcome.status === 'conflict') expect(stored?.seat).not.toBe(step?.seat);
          else expect(outcome).toMatchObject({ envelope: stored });
        });
      }),
      { numRuns: 20 },
    );
    expect(await left.getRoom(room.ref.roomId)).toMatchObject({ lastSeq: sent });
  });

  it('R1 R2: appends racing from two processes get gap-free sequence numbers, each event once', async () => {
    const [store, , prefix] = await twoStores();
    const room = await new Rooms(() => store).pair();
    const events = Array.from({ length: 60 }, () => envelope());
    const request = (seat: 0 | 1, index: number): AppendRequest => ({
      by: room.holder(seat),
      envelope: events[index] ?? envelope(),
      at: at(T + 100),
    });
    const range = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => from + i);
    // Seat 0 in the first process sends 0–39; the second resends 0–19 as seat 0 (retries through
    // another process), sends 40–59 as seat 1, and 20–29 as seat 1 (the other seat reusing ids).
    const plans = [
      range(0, 40).map((i) => request(0, i)),
      [
        ...range(0, 20).map((i) => request(0, i)),
        ...range(40, 60).map((i) => request(1, i)),
        ...range(20, 30).map((i) => request(1, i)),
      ],
    ];
    const outcomes = await runInProcesses(plans, prefix);

    const log = await new Rooms(() => store).log(room.ref);
    expect(log.map((e) => e.seq)).toEqual(range(1, 61));
    expect(new Set(log.map((e) => e.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
    plans.flat().forEach((sent, i) => {
      const outcome = outcomes[i];
      const stored = log.find((e) => e.eventId === sent.envelope.eventId);
      if (outcome?.status === 'conflict') expect(stored?.seat).not.toBe(sent.by.seat);
      else expect(outcome).toMatchObject({ envelope: stored });
    });
    expect(outcomes.filter((o) => o.status === 'appended')).toHaveLength(60);
  });

  it('gives the last seat to exactly one of two members racing through two connections', async () => {
    const [left, right] = await twoStores();
    for (let round = 0; round < 10; round += 1) {
      const room = await new Rooms(() => left).with([newCredential()]);
      const racers = [newCredential(), newCredential()];
      const outcomes = await Promise.all(
        [left, right].map((store, i) =>
          store.claimSeat({
            roomId: room.ref.roomId,
            credential: racers[i] ?? newCredential(),
            createIfMissing: false,
            access: PROVEN,
            knownIncarnation: null,
            at: at(T + 10),
          }),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['claimed', 'room_full']);
      expect(outcomes.filter((o) => o.status === 'claimed').map(seatOf)).toEqual([1]);
    }
  });

  it('lets one of two creators racing through two connections make the room and seats the other, in one incarnation', async () => {
    const [left, right] = await twoStores();
    for (let round = 0; round < 10; round += 1) {
      const roomId = newRoomId();
      const outcomes = await Promise.all(
        [left, right].map((store) =>
          store.claimSeat({
            roomId,
            credential: newCredential(),
            createIfMissing: true,
            access: PROVEN,
            knownIncarnation: null,
            at: at(T),
          }),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['claimed', 'created']);
      expect(new Set(outcomes.map((o) => roomOf(o).incarnation)).size).toBe(1);
      const [fromLeft, fromRight] = await Promise.all([
        left.getRoom(roomId),
        right.getRoom(roomId),
      ]);
      expect(fromRight).toEqual(fromLeft);
      expect(fromLeft?.seats.every((seat) => seat !== null)).toBe(true);
    }
    expect(await left.countRooms()).toBe(10);
  });

  it('sets TTLs on every key of a room, past its end by the grace, and moves them on activity', async () => {
    const [store, , prefix] = await twoStores();
    const rooms = new Rooms(() => store);
    const room = await rooms.pair();
    appended(await rooms.append(room.holder(0), envelope(), T + HOUR));
    const keys = roomKeys(prefix, room.ref.roomId);
    const ttls = await Promise.all(
      [keys.room, keys.log, keys.eventIds].map((key) => inspect().pttl(key)),
    );
    // Idle from the last append (T + 1 h) for 10 h, sooner than the 100 h maximum age.
    const expected = LIFETIME.idleMs + BACKSTOP_GRACE_MS;
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThan(expected - 60_000);
      expect(ttl).toBeLessThanOrEqual(expected);
    }
    // Kept for 200 h: now the maximum age (100 h from T, 99 h from the call) comes first.
    expect(await rooms.keep(room.holder(1), T + 200 * HOUR, T + HOUR)).toEqual({
      status: 'kept',
      keptUntil: T + LIFETIME.maxAgeMs,
    });
    const capped = await inspect().pttl(keys.room);
    expect(capped).toBeGreaterThan(99 * HOUR + BACKSTOP_GRACE_MS - 60_000);
    expect(capped).toBeLessThanOrEqual(99 * HOUR + BACKSTOP_GRACE_MS);
  });

  it('keeps nothing but the room, its log, its event ids and the two indexes, all under the prefix', async () => {
    const [store, , prefix] = await twoStores();
    const rooms = new Rooms(() => store);
    const room = await rooms.pair();
    const sent = envelope();
    appended(await rooms.append(room.holder(0), sent));
    const keys = (await inspect().keys(`${prefix}*`)).sort();
    expect(keys).toEqual(
      [
        ...roomKeyList(roomKeys(prefix, room.ref.roomId)),
        `${prefix}rooms-by-creation`,
        `${prefix}rooms-by-idle-from`,
      ].sort(),
    );
    // Blind as every store: the ciphertext is there as sent; seats are there as hashes.
    const log = await inspect().lrange(roomKeys(prefix, room.ref.roomId).log, 0, -1);
    expect(log.join('')).toContain(sent.ciphertext);

    expect(await store.deleteRoom(room.ref)).toBe(true);
    expect(await inspect().keys(`${prefix}*`)).toEqual([]);
    expect(await store.countRooms()).toBe(0);
  });

  it('forgets, at the sweep, a room whose keys Redis expired on its own', async () => {
    const [store, , prefix] = await twoStores();
    const rooms = new Rooms(() => store);
    const [gone, living] = [await rooms.pair(), await rooms.pair(T + 50 * HOUR)];
    // As the backstop TTL would, without the sweep: the keys vanish, the indexes still hold it.
    await inspect().del(...roomKeyList(roomKeys(prefix, gone.ref.roomId)));
    expect(await store.countRooms()).toBe(2);

    const ended = await store.listEnded(at(T + 20 * HOUR), 10);
    expect(ended).toEqual([]);
    expect(await store.countRooms()).toBe(1);
    expect(await store.getRoom(living.ref.roomId)).not.toBeNull();
  });

  it('a room made again under the id, between the sweep finding it gone and forgetting it, stays indexed', async () => {
    const [store, , prefix] = await twoStores();
    const rooms = new Rooms(() => store);
    const room = await rooms.pair();
    await inspect().del(...roomKeyList(roomKeys(prefix, room.ref.roomId)));
    const alice = newCredential();
    await store.claimSeat({
      roomId: room.ref.roomId,
      credential: alice,
      createIfMissing: true,
      access: PROVEN,
      knownIncarnation: null,
      at: at(T + 20 * HOUR),
    });
    expect(await store.listEnded(at(T + 21 * HOUR), 10)).toEqual([]);
    expect(await store.countRooms()).toBe(1);
    const [ended] = await store.listEnded(at(T + 40 * HOUR), 10);
    expect(ended).toMatchObject({ status: 'ended', reason: 'expired' });
  });
});

const WORKER = path.join(import.meta.dirname, 'redis-append-worker.ts');

/**
 * Runs each plan in a process of its own (redis-append-worker.ts), all started at the same
 * moment once every one is connected; resolves with their outcomes, in plan order.
 */
async function runInProcesses(
  plans: readonly (readonly AppendRequest[])[],
  prefix: string,
): Promise<AppendOutcome[]> {
  const workers = plans.map((appends) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: {
        ...process.env,
        TANDEM_WORKER_PLAN: JSON.stringify({ url: REDIS_TEST_URL, prefix, appends }),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async (): Promise<string> => {
      const line = await lines.next();
      if (line.done === true) throw new Error('a worker ended without answering');
      return line.value;
    };
    return { child, next };
  });
  try {
    for (const worker of workers) expect(await worker.next()).toBe('ready');
    for (const worker of workers) worker.child.stdin.write('go\n');
    const results = await Promise.all(workers.map((worker) => worker.next()));
    return results.flatMap((line) => JSON.parse(line) as AppendOutcome[]);
  } finally {
    for (const { child } of workers) {
      child.stdin.end();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
}
