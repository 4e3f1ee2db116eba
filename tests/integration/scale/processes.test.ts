import { expect, it } from 'vitest';
import type { Presence } from '../../../shared/protocol.ts';
import { presenceBothOnline, waitFor } from '../support/client.ts';
import { useHarness } from '../support/harness.ts';
import { useCluster } from './support/cluster.ts';
import { describeWithRedis } from '../../support/redis.ts';

/**
 * Several servers on one Redis act as one to the two phones: pushes cross between them through
 * the socket.io Redis adapter, presence spans them and is announced in one rising turn per room,
 * and a server that dies without a word does not leave its phone counted present.
 */

describeWithRedis('several processes on one Redis', () => {
  const harness = useHarness();
  const cluster = useCluster();

  /** A on the first node, B on the second, both joined and seeing both online. */
  async function pairAcross() {
    const [first, second] = [await cluster.node(), await cluster.node()];
    const a = await harness.starter(first);
    await a.enter({ create: true });
    const bothOnlineForA = a.client.until(
      () => a.client.presence.some(presenceBothOnline),
      'A sees both online',
    );
    const b = await harness.invitee(a, second);
    const joined = await b.enter();
    await bothOnlineForA;
    return { first, second, a, b, joined };
  }

  it('partners on different processes exchange a signal and its receipts, and see each other online', async () => {
    const { a, b, joined } = await pairAcross();
    expect(presenceBothOnline(joined.presence)).toBe(true);

    const pushed = waitFor(b.socket, 'envelope', (envelope) => envelope.seat === a.seat);
    const signal = await a.sendOk({ type: 'signal', kind: 'pause' });
    expect((await pushed).eventId).toBe(signal.eventId);
    expect(await b.open(await pushed)).toEqual({ type: 'signal', kind: 'pause' });

    const receipt = waitFor(a.socket, 'envelope', (envelope) => envelope.seat === b.seat);
    await b.sendOk({ type: 'signal_delivered', signalId: signal.eventId });
    await b.sendOk({ type: 'signal_seen', signalIds: [signal.eventId] });
    expect(await a.open(await receipt)).toEqual({
      type: 'signal_delivered',
      signalId: signal.eventId,
    });
    await a.holdsUpTo(3);
    await b.holdsUpTo(3);
    expect(await a.state()).toEqual(await b.state());
  });

  it('R12: presence turns rise across processes: every announcement a phone gets outranks the one before', async () => {
    const { a, b } = await pairAcross();
    // B leaves and comes back twice; each announcement is computed by B's process or A's.
    for (let round = 0; round < 2; round += 1) {
      const offline = a.client.until(
        () => a.client.presence.at(-1)?.seats[1].online === false,
        'A told B left',
      );
      await b.disconnect();
      await offline;
      const online = a.client.until(
        () => presenceBothOnline(a.client.presence.at(-1) ?? offlinePresence),
        'A told B is back',
      );
      await b.enter();
      await online;
    }
    const turns = a.client.presence.map((presence) => presence.turn ?? -1);
    expect(turns.length).toBeGreaterThanOrEqual(4);
    expect(turns).toEqual([...turns].sort((x, y) => x - y));
    expect(new Set(turns).size).toBe(turns.length);
  });

  it('closing a server closes its Redis connections, and the others see it leave', async () => {
    const [first, second] = [await cluster.node(), await cluster.node()];
    expect((await first.scale.roster.alive()).has(second.scale.roster.self)).toBe(true);
    await second.app.close();
    const { publisher, subscriber, commands } = second.scale.links;
    expect([publisher.status, subscriber.status, commands.status]).toEqual(['end', 'end', 'end']);
    expect((await first.scale.roster.alive()).has(second.scale.roster.self)).toBe(false);
  });

  it('R12: a process killed without a word: the partner on another process is told its phone is offline', async () => {
    const { second, a } = await pairAcross();
    const told = a.client.until(
      () => a.client.presence.at(-1)?.seats[1].online === false,
      'A told B is offline',
    );
    second.die();
    await told;
    const last = a.client.presence.at(-1);
    expect(last?.seats).toEqual([
      { taken: true, online: true, push: false },
      { taken: true, online: false, push: false },
    ]);
  });
});

const offlinePresence: Presence = {
  seats: [
    { taken: false, online: false, push: false },
    { taken: false, online: false, push: false },
  ],
};
