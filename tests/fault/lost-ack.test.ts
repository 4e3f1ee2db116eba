import { expect, it } from 'vitest';
import type { CutMode } from '../support/tcp-proxy.ts';
import { until } from './support/adapter.ts';
import type { RoomView } from './support/adapter.ts';
import { auditRoom, untilQuiet } from './support/audit.ts';
import type { FaultPhone } from './support/phones.ts';
import { useFaultRig } from './support/rig.ts';
import type { FaultRoom } from './support/rig.ts';

/**
 * A send whose acknowledgement never reaches the phone: the server stored it, the phone cannot
 * know. The outbox keeps it and sends it again; the server's deduplication makes that harmless.
 */

const rig = useFaultRig();

/** The event id of what `phone` queued last. */
function lastQueued(phone: FaultPhone): string {
  const eventId = phone.queued.at(-1);
  if (eventId === undefined) throw new Error(`${phone.name} has queued nothing`);
  return eventId;
}

/** Resolves once the server is asked to append `eventId`, after running `fault` at that moment. */
function onFirstAppend(room: FaultRoom, eventId: string, fault: () => void): Promise<void> {
  return new Promise((resolve) => {
    room.durable.onAppend = (requested) => {
      if (requested !== eventId) return;
      room.durable.onAppend = null;
      fault();
      resolve();
    };
  });
}

const signalIds = (view: RoomView, eventId: string) =>
  view.room.signals.filter((signal) => signal.id === eventId);

/** The event is in the log once, and both phones show exactly what the log folds to. */
async function expectStoredOnce(room: FaultRoom, eventId: string): Promise<void> {
  const log = await untilQuiet(room);
  expect(log.filter((envelope) => envelope.eventId === eventId)).toHaveLength(1);
  const audit = await auditRoom(room, log);
  expect(audit.duplicates).toEqual([]);
  for (const phone of [room.a, room.b]) {
    expect(phone.view().room).toEqual(audit.reference);
    expect(signalIds(phone.view(), eventId)).toHaveLength(1);
  }
  expect(audit.phones.map((phone) => phone.lost)).toEqual([[], []]);
}

it.each<CutMode>(['reset', 'fin'])(
  'R2, R8: an ack lost to a cut connection (%s) is retried and stored once',
  async (mode) => {
    const room = await rig.room();
    room.a.client.sendSignal('pause');
    const eventId = lastQueued(room.a);
    // Cut as the server takes the send: it stores it, but its acknowledgement has no way back.
    await onFirstAppend(room, eventId, () => {
      room.a.proxy.cut(mode);
    });

    // A sends it again on its new connection (its replay may settle it meanwhile)...
    await room.durable.untilAppendsOf(eventId, 2);
    // ...and the server deduplicates it.
    await expectStoredOnce(room, eventId);
    expect(room.a.proxy.stats.cut).toBe(1);
  },
);

it('R2, R8: a reload while a send awaits its ack: the new page sends it again, stored once', async () => {
  const room = await rig.room();
  room.a.client.sendSignal('pause');
  const eventId = lastQueued(room.a);
  // A's network freezes as the server takes the send, so its acknowledgement is held...
  await onFirstAppend(room, eventId, () => {
    room.a.proxy.stall();
  });
  // ...and the page reloads before it can arrive; the new page's connection waits in the freeze.
  await room.a.reload();
  room.a.proxy.resume();

  await room.durable.untilAppendsOf(eventId, 2);
  await expectStoredOnce(room, eventId);
  expect(room.a.reloads).toBe(1);
});

it('R8: a tap just before a reload survives in the outbox and is stored once', async () => {
  const room = await rig.room();
  room.a.client.sendSignal('check_in');
  const eventId = lastQueued(room.a);
  // Reloaded before the send could leave: only the browser's storage still has it.
  await room.a.reload();

  await expectStoredOnce(room, eventId);
  // B sees the check-in it was sent, once.
  const alerted = await until(room.b.client, (view) => signalIds(view, eventId).length === 1);
  expect(signalIds(alerted, eventId)[0]?.kind).toBe('check_in');
});
