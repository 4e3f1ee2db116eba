import { describe, expect, it } from 'vitest';
import {
  incomingTestAlert,
  ownTestStatus,
  readiness,
} from '../../../client/src/ui/ready/ready-view.ts';
import { roomAlert } from '../../../client/src/ui/before/rounds-view.ts';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import type { Seat } from '../../../shared/ids.ts';
import { bothSettled, only, serverWithPair, until, view } from './support/room-clients.ts';
import { useRig } from './support/restartable.ts';

const rig = useRig();

/** Screen and sound are this phone's own business and do not gate the check (ready-view.ts). */
const LOCAL = { screen: 'off', sound: 'off' } as const;
const bothReady = (v: RoomView, seat: Seat) => readiness(v, seat, LOCAL).bothReady;

describe('the ready check between two real phones', () => {
  it('a test alert reaches the partner as an alert, and their "Got it" comes back as seen', async () => {
    const { server, a, b, keys } = await serverWithPair(rig);
    a.client.sendTestAlert();
    // The tap shows at once, as sending.
    expect(ownTestStatus(view(a), 0)).toBe('sending');
    const tapped = only(view(a).outbox, 'queued test').eventId;

    const vb = await until(b.client, (v) => incomingTestAlert(v, 1) !== null, 'B test alert');
    expect(roomAlert(vb, 1)).toMatchObject({ type: 'test', test: { id: tapped } });
    // It travels as a signal does: the envelope carries the notify bit.
    const logged = await server.store.log(keys.roomId);
    expect(logged.find((envelope) => envelope.eventId === tapped)?.notify).toBe(true);
    await until(a.client, (v) => ownTestStatus(v, 0) === 'waiting', 'A waiting');

    b.client.acknowledgeTestAlert(tapped);
    // Gone from B at once, before the server has it.
    expect(roomAlert(view(b), 1)).toBeNull();
    await until(a.client, (v) => ownTestStatus(v, 0) === 'seen', 'A sees the Got it');
    expect(bothReady(view(a), 0)).toBe(false);

    // B does the same: then both phones say both are ready.
    b.client.sendTestAlert();
    const va = await until(a.client, (v) => incomingTestAlert(v, 0) !== null, 'A test alert');
    const bTest = incomingTestAlert(va, 0);
    a.client.acknowledgeTestAlert(bTest?.id ?? '');
    await until(b.client, (v) => bothReady(v, 1), 'B: both ready');
    await until(a.client, (v) => bothReady(v, 0), 'A: both ready');

    const [finalA, finalB] = await bothSettled(a, b);
    expect(finalA.room).toEqual(finalB.room);
    expect(finalA.room.testAlerts.map((test) => test?.seenAt !== null)).toEqual([true, true]);
    expect(finalA.room.signals).toEqual([]);
  });

  it('a new test asks afresh: the old "Got it" no longer counts', async () => {
    const { a, b } = await serverWithPair(rig);
    a.client.sendTestAlert();
    const first = await until(b.client, (v) => incomingTestAlert(v, 1) !== null, 'first');
    b.client.acknowledgeTestAlert(incomingTestAlert(first, 1)?.id ?? '');
    await until(a.client, (v) => ownTestStatus(v, 0) === 'seen', 'first seen');

    a.client.sendTestAlert();
    const second = await until(
      b.client,
      (v) => {
        const test = incomingTestAlert(v, 1);
        return test !== null && test.id !== incomingTestAlert(first, 1)?.id;
      },
      'second',
    );
    expect(ownTestStatus(await until(a.client, (v) => v.outbox.length === 0), 0)).toBe('waiting');
    b.client.acknowledgeTestAlert(incomingTestAlert(second, 1)?.id ?? '');
    await until(a.client, (v) => ownTestStatus(v, 0) === 'seen', 'second seen');
  });

  it('a real signal shows before a waiting test', async () => {
    const { a, b } = await serverWithPair(rig);
    a.client.sendTestAlert();
    a.client.sendSignal('pause');
    const vb = await until(
      b.client,
      (v) => incomingTestAlert(v, 1) !== null && v.room.signals.length === 1,
      'B has both',
    );
    expect(roomAlert(vb, 1)).toMatchObject({ type: 'signals', signals: [{ kind: 'pause' }] });
    b.client.acknowledge(vb.room.signals.map((signal) => signal.id));
    expect(roomAlert(view(b), 1)).toMatchObject({ type: 'test' });
  });
});
