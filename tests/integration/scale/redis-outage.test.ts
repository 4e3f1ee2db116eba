import { afterEach, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/errors.ts';
import { describeWithRedis } from '../../support/redis.ts';
import { OwnRedisServer } from '../../support/redis-server-process.ts';
import {
  errorReply,
  expectOk,
  presenceBothOnline,
  waitFor,
  waitForDisconnect,
} from '../support/client.ts';
import { useHarness } from '../support/harness.ts';
import { useCluster } from './support/cluster.ts';

/**
 * Redis goes away under two processes and comes back (a Redis of the test's own, killed with
 * SIGKILL and started again on its append-only file): each process says so in its log and closes
 * its phones' connections, since Pub/Sub keeps nothing for them meanwhile; a request in between
 * is answered `storage_unavailable` (retryable), never dropped; once Redis is back the phones
 * join again, are replayed what they hold not, and the room goes on.
 */

describeWithRedis('Redis lost and back under several processes', () => {
  const harness = useHarness();
  const cluster = useCluster();
  let redis: OwnRedisServer | null = null;
  afterEach(async () => {
    await redis?.dispose();
    redis = null;
  });

  it('R4, R7: the processes log it and close their connections; a request meanwhile gets storage_unavailable; the room resumes', async () => {
    const own = await OwnRedisServer.start();
    redis = own;
    const [first, second] = [
      await cluster.node({ url: own.url }),
      await cluster.node({ url: own.url }),
    ];
    const a = await harness.starter(first);
    await a.enter({ create: true });
    const b = await harness.invitee(a, second);
    await b.enter();
    await a.sendOk({ type: 'signal', kind: 'check_in' });
    await b.holdsUpTo(1);

    const closedA = waitForDisconnect(a.socket);
    const closedB = waitForDisconnect(b.socket);
    const logged = Promise.all([
      first.nextLog('redis unreachable: closing connections until it is back'),
      second.nextLog('redis unreachable: closing connections until it is back'),
    ]);
    await own.stop('SIGKILL');
    expect(await closedA).toBe('io server disconnect');
    expect(await closedB).toBe('io server disconnect');
    expect((await logged).map((line) => JSON.parse(line) as { level: string })).toMatchObject([
      { level: 'error' },
      { level: 'error' },
    ]);

    // A phone that comes back meanwhile is answered, retryably.
    await a.connect();
    expect(await a.join()).toEqual(errorReply(ErrorCode.storageUnavailable));

    const back = Promise.all([
      first.nextLog('redis reachable again'),
      second.nextLog('redis reachable again'),
    ]);
    const storesBack = Promise.all(
      [first, second].map(
        (node) =>
          new Promise<void>((resolve) => {
            node.storeRedis.once('ready', () => {
              resolve();
            });
          }),
      ),
    );
    await own.restart();
    await Promise.all([back, storesBack]);

    // B wrote while A was away: A's join replays it.
    const joinedB = expectOk(await (await b.connect(), b.join()));
    expect(joinedB.lastSeq).toBe(1);
    await b.sendOk({ type: 'signal', kind: 'pause' });
    const joinedA = expectOk(await a.join());
    expect(joinedA.envelopes.map((envelope) => envelope.seq)).toEqual([2]);
    expect(presenceBothOnline(joinedA.presence)).toBe(true);

    const pushed = waitFor(b.socket, 'envelope', (envelope) => envelope.seat === a.seat);
    await a.sendOk({ type: 'signal_delivered', signalId: joinedA.envelopes[0]?.eventId ?? '' });
    expect((await pushed).seq).toBe(3);
    expect(await a.state()).toEqual(await b.state());
  });
});
