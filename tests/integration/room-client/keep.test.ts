import { describe, expect, it } from 'vitest';
import type { KeepOutcome } from '../../../server/store/room-store.ts';
import type { RigServer } from './support/restartable.ts';
import { useRig } from './support/restartable.ts';
import { bothOnline, isOpen, serverWithPair, until } from './support/room-clients.ts';

const rig = useRig();

const DAY = 24 * 60 * 60 * 1000;

/** Lets the next keepRoom call through once it arrives, and resolves with what the store said. */
async function nextKeep(server: RigServer, ask: () => void): Promise<KeepOutcome> {
  const held = server.store.holdNext('keepRoom');
  ask();
  await held.entered;
  held.release();
  return (await held.settled) as KeepOutcome;
}

async function keptUntil(server: RigServer, roomId: string): Promise<number | undefined> {
  return (await server.store.getRoom(roomId))?.keepUntil;
}

describe('RoomClient: keeping the room until its last follow-up', () => {
  it('keepRoomUntil(t) has the server keep the room until t, and a later, earlier t lowers it', async () => {
    const { server, a, keys } = await serverWithPair(rig);
    const time = server.clock.now() + 5 * DAY;
    expect(await nextKeep(server, () => a.client.keepRoomUntil(time))).toEqual({
      status: 'kept',
      keptUntil: time,
    });
    expect(await keptUntil(server, keys.roomId)).toBe(time);

    // Follow-ups turned off: the phone asks for less.
    expect(await nextKeep(server, () => a.client.keepRoomUntil(0))).toEqual({
      status: 'kept',
      keptUntil: 0,
    });
    expect(await keptUntil(server, keys.roomId)).toBe(0);
  });

  it('a time past the maximum age is kept until the maximum age', async () => {
    const { server, b, keys } = await serverWithPair(rig);
    const created = (await server.store.getRoom(keys.roomId))?.createdAt ?? 0;
    const outcome = await nextKeep(server, () => b.client.keepRoomUntil(Number.MAX_SAFE_INTEGER));
    expect(outcome).toEqual({ status: 'kept', keptUntil: created + server.roomMaxAgeMs });
  });

  it('is asked again after the phone joins again (the server may have lost it)', async () => {
    const { server, a, b, keys } = await serverWithPair(rig);
    const time = server.clock.now() + 3 * DAY;
    await nextKeep(server, () => a.client.keepRoomUntil(time));

    // Every connection dropped by the server: both phones join again, and A asks again.
    const again = nextKeep(server, () => server.app.io.disconnectSockets());
    expect(await again).toEqual({ status: 'kept', keptUntil: time });
    await Promise.all([
      until(a.client, bothOnline, 'A back'),
      until(b.client, bothOnline, 'B back'),
    ]);
    expect(await keptUntil(server, keys.roomId)).toBe(time);
  });

  it('a store that cannot write is asked again, and the room works meanwhile', async () => {
    const { server, a, keys } = await serverWithPair(rig);
    const time = server.clock.now() + 2 * DAY;
    server.store.failNext('keepRoom', 1, 'unavailable');
    a.client.keepRoomUntil(time);
    await server.store.untilFailed('keepRoom');
    expect(await keptUntil(server, keys.roomId)).toBe(0);

    // The retry comes after a backoff; the phone stays open and its room usable.
    const retried = nextKeep(server, () => undefined);
    await until(a.client, isOpen, 'A still open');
    expect(await retried).toEqual({ status: 'kept', keptUntil: time });
    expect(await keptUntil(server, keys.roomId)).toBe(time);
  });

  it('null asks nothing: what was kept stays as it was', async () => {
    const { server, a, keys } = await serverWithPair(rig);
    const time = server.clock.now() + 4 * DAY;
    await nextKeep(server, () => a.client.keepRoomUntil(time));
    a.client.keepRoomUntil(null);
    // A Pause sent after it travels the same connection, so anything asked is answered before.
    a.client.sendSignal('pause');
    await until(a.client, (v) => v.outbox.length === 0, 'A sent');
    expect(await keptUntil(server, keys.roomId)).toBe(time);
  });
});

/** Both phones ask, in either order: wait for the store to hold the time rather than for one call. */
const POLL = { timeout: 15_000, interval: 20 };

describe('RoomClient: the room is kept as its follow-up says', () => {
  it('once the session ends the phones ask to keep it past the last follow-up, in whole days, and less when it is turned off', async () => {
    const { server, a, b, keys } = await serverWithPair(rig);
    a.client.setFollowUp('day2', true);
    a.client.endSession();
    const ended = await until(b.client, (v) => v.room.session.status === 'ended', 'B sees the end');
    const endedAt = ended.room.session.endedAt ?? 0;
    await until(b.client, (v) => v.room.followUp.alsoLater, 'B has the follow-up setting');
    await expect
      .poll(() => keptUntil(server, keys.roomId), POLL)
      .toBe(
        // One horizon whatever the setting: the UTC midnight after day 7.
        (Math.floor((endedAt + 7 * DAY) / DAY) + 1) * DAY,
      );

    b.client.setFollowUp('off', false);
    await expect.poll(() => keptUntil(server, keys.roomId), POLL).toBe(0);
  });
});
