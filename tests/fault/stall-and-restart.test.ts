import { expect, it } from 'vitest';
import { until } from './support/adapter.ts';
import type { RoomView } from './support/adapter.ts';
import { auditRoom, untilQuiet } from './support/audit.ts';
import type { RoomAudit } from './support/audit.ts';
import { useFaultRig } from './support/rig.ts';
import type { FaultRoom } from './support/rig.ts';

/**
 * The network freezes, the server dies: a phone must neither give up nor lose or reorder what
 * either partner said meanwhile.
 */

const rig = useFaultRig();

const signalKinds = (view: RoomView) => view.room.signals.map((signal) => signal.kind);

/** Nothing lost, nothing twice, each phone's events in the order it queued them, one room. */
async function expectWholeRoom(room: FaultRoom): Promise<RoomAudit> {
  const log = await untilQuiet(room);
  const audit = await auditRoom(room, log);
  expect(audit.duplicates).toEqual([]);
  for (const phone of audit.phones) {
    expect(phone, phone.name).toMatchObject({ lost: [], outOfOrder: [], stateDiffers: false });
  }
  expect(room.a.view().room).toEqual(audit.reference);
  expect(room.b.view().room).toEqual(audit.reference);
  return audit;
}

it('R1, R7: a stall past the heartbeat: the partner is told offline; what was said meanwhile arrives, in order', async () => {
  const room = await rig.room();
  const { a, b } = room;
  b.proxy.stall();
  // B's connection is frozen, not closed: only the missing heartbeat can tell the server.
  await until(a.client, (view) => view.presence?.seats[1].online === false, 'A told B is offline');

  a.client.sendSignal('pause');
  a.client.setItemChecked('wish-water', true);
  a.client.sendSignal('check_in');
  // B taps too: its send is caught in the freeze.
  b.client.sendSignal('slow_down');
  await until(a.client, (view) => view.outbox.length === 0, "A's events stored");
  expect(b.view().room.signals).toEqual([]);

  b.proxy.resume();
  await expectWholeRoom(room);
  expect(signalKinds(b.view())).toEqual(['pause', 'check_in', 'slow_down']);
  expect(b.view().room.checklist.find((item) => item.id === 'wish-water')?.checked).toBe(true);
  expect([a.closings, b.closings]).toEqual([[], []]);
});

it('R3, R7, R8: a server restart mid-session: both phones come back by themselves, never closed; nothing acknowledged is lost', async () => {
  const room = await rig.room();
  const { a, b } = room;
  a.client.sendSignal('pause');
  await until(b.client, (view) => view.room.signals.length === 1, 'B alerted');
  b.client.acknowledge(b.view().room.signals.map((signal) => signal.id));
  await until(a.client, (view) => view.room.signals[0]?.seenAt != null, 'A sees it seen');
  const before = await room.durable.log(room.keys.roomId);

  // One more send, reaching the server as it dies.
  b.client.sendSignal('check_in');
  const inFlight = b.queued.at(-1);
  if (inFlight === undefined) throw new Error('the check-in was not queued');
  await room.durable.untilAppendsOf(inFlight, 1);
  await room.restartServer();
  a.client.setItemChecked('wish-rest', true);

  const audit = await expectWholeRoom(room);
  // What the server acknowledged before the crash is still there, where it was.
  const after = await room.durable.log(room.keys.roomId);
  expect(after.slice(0, before.length)).toEqual(before);
  expect(audit.stored).toBeGreaterThan(before.length);
  expect(signalKinds(a.view())).toEqual(['pause', 'check_in']);
  expect(room.server.restarts).toBe(1);
  // Their status never became closed: both came back on their own.
  expect([a.closings, b.closings]).toEqual([[], []]);
});
