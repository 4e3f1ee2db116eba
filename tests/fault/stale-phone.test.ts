import { expect, it } from 'vitest';
import { joinRequest } from '../../client/src/room/join-request.ts';
import { Client, expectOk, nonceOf } from '../integration/support/client.ts';
import { newMemberId, newMemberSecret } from '../support/ids.ts';
import { until } from './support/adapter.ts';
import type { RoomView } from './support/adapter.ts';
import { useFaultRig } from './support/rig.ts';

/**
 * A room deleted and made again under the same id is another room. A phone that slept through
 * the deletion still holds a seat, a log and an outbox of the old one: none of it may reach the
 * new one.
 */

const rig = useFaultRig();

/** Closed, or nothing left to send: either way the phone has done what it will do. */
const doneSending = (view: RoomView): boolean =>
  view.status.kind === 'closed' || (view.connected && view.outbox.length === 0);

// The phone's join names the incarnation it joined before; the server answers another one with
// room_not_found and gives it no seat, so nothing of the old room can reach the new one.
it('R5: a phone offline while its room was deleted and re-made under the same id does not write into the new room', async () => {
  const room = await rig.room();
  const { a, b, keys } = room;
  a.client.sendSignal('pause');
  await until(b.client, (view) => view.room.signals.length === 1, 'B alerted');

  // B loses its network, and stays off it.
  b.proxy.refuse();
  b.proxy.cut();
  await until(a.client, (view) => view.presence?.seats[1].online === false, 'A sees B offline');
  expect(await a.client.deleteRoom()).toBe(true);

  // Someone makes a room under the same id (a raw client, straight to the server).
  const stranger = await Client.connect(`http://127.0.0.1:${String(room.server.port)}`);
  rig.track(() => stranger.disconnect());
  const fresh = {
    roomSecret: room.secret,
    roomId: keys.roomId,
    memberId: newMemberId(),
    memberSecret: newMemberSecret(),
    create: true,
    incarnation: null,
    afterSeq: 0,
  };
  const created = expectOk(
    await stranger.request('room:join', await joinRequest(fresh, await nonceOf(stranger.socket))),
  );
  expect(created.seat).toBe(0);

  // B, still offline, taps Pause; then its network comes back.
  b.client.sendSignal('pause');
  const tapped = b.queued.at(-1);
  expect(tapped).toBeDefined();
  b.proxy.accept();
  const settled = await until(b.client, doneSending, 'B done sending');

  const newLog = await room.durable.log(keys.roomId);
  expect(newLog).toEqual([]);
  // The phone learns its room is gone (and that its Pause was never sent) rather than carrying on.
  expect(settled.status).toEqual({ kind: 'closed', reason: 'room_gone' });
  expect(settled.unsentSignalLost).toBe(true);
});
