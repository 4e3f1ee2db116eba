import { describe, expect, it } from 'vitest';
import { FaultyStore } from '../support/faulty-store.ts';
import {
  bothOnline,
  allSettled,
  countOf,
  isOpen,
  loggedIds,
  only,
  openPair,
  serverWithPair,
  until,
  view,
} from './support/room-clients.ts';
import { incomingAlerts } from '../../../client/src/ui/view-model.ts';
import { useRig } from './support/restartable.ts';

const rig = useRig();

describe('RoomClient: two tabs of one browser', () => {
  it('R10, R2: each event is sent once, by one tab, and both tabs show the same room', async () => {
    const { server, secret, keys, a, b } = await serverWithPair(rig);
    // A second tab of A's browser: the same seat, the same kept room.
    const tab = await rig.phone(server, secret, { browser: a.browser });
    await until(tab.client, bothOnline, 'second tab open');
    expect(view(tab).seat).toBe(0);

    a.client.sendSignal('pause');
    tab.client.sendSignal('slow_down');
    tab.client.startSession();
    a.client.setItemChecked('wish-water', true);
    b.client.sendSignal('check_in');
    const ids = [...view(a).outbox, ...view(tab).outbox].map((entry) => entry.eventId);
    expect(new Set(ids).size).toBe(4);
    // The second tab's taps show there at once, before the sending tab has them.
    expect(view(tab).outbox.map((entry) => entry.event.type)).toEqual([
      'signal',
      'session_started',
    ]);

    const [finalA, finalB, finalTab] = await allSettled([a, b, tab] as const);
    expect(finalTab.room).toEqual(finalA.room);
    expect(finalB.room).toEqual(finalA.room);

    // Sent by the first tab alone, each once; the server's log holds each once.
    expect(tab.sent).toEqual([]);
    for (const id of ids) expect(countOf(a.sent, id)).toBe(1);
    const logged = await loggedIds(server, keys.roomId, 0);
    for (const id of ids) expect(countOf(logged, id)).toBe(1);
    // One delivery receipt for B's check-in, though both tabs folded it: four events and one.
    expect(logged).toHaveLength(ids.length + 1);
    expect(incomingAlerts(finalTab, 0).map((signal) => signal.kind)).toEqual(['check_in']);
  });

  it('R10, R8: when the sending tab closes, the other tab takes over the queued events', async () => {
    const store = new FaultyStore();
    store.keepOnClose = true;
    const first = await rig.server({ store });
    const { secret, keys, a, b } = await openPair(rig, first);
    const tab = await rig.phone(first, secret, { browser: a.browser });
    await until(tab.client, bothOnline, 'second tab open');

    // The server goes away; the second tab queues a Pause, which only the first tab may send.
    await first.close();
    await Promise.all([
      until(a.client, (v) => !v.connected, 'A offline'),
      until(tab.client, (v) => !v.connected, 'second tab offline'),
    ]);
    tab.client.sendSignal('pause');
    const pause = only(view(tab).outbox, 'queued Pause').eventId;
    await until(a.client, (v) => v.outbox.some((entry) => entry.eventId === pause), 'A has it');

    // The sending tab is closed; the lock passes to the second tab, which sends once back online.
    a.client.stop();
    const second = await rig.server({ store, port: first.port });
    await until(tab.client, (v) => isOpen(v) && v.outbox.length === 0, 'second tab drained');
    const alerted = await until(b.client, (v) => incomingAlerts(v, 1).length === 1, 'B alerted');
    expect(only(incomingAlerts(alerted, 1), 'alert').id).toBe(pause);
    expect(a.sent).not.toContain(pause);
    expect(countOf(tab.sent, pause)).toBe(1);
    expect(countOf(await loggedIds(second, keys.roomId), pause)).toBe(1);
  });
});
