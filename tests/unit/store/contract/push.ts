import { describe, expect, it } from 'vitest';
import type { RoomStore, SeatHolder } from '../../../../server/store/room-store.ts';
import type { PushSubscriptionJson } from '../../../../shared/push.ts';
import { newEventId } from '../../../support/ids.ts';
import { HOUR, LIFETIME, Rooms, T, at, newCredential } from './support.ts';

/** A subscription as a browser gives it; only the endpoint differs between calls. */
const subscription = (): PushSubscriptionJson => ({
  endpoint: `https://fcm.googleapis.com/fcm/send/${newEventId()}`,
  keys: { p256dh: `B${'p'.repeat(86)}`, auth: 'a'.repeat(22) },
});

/**
 * Push subscriptions and wakes (push-store.ts): kept with the seat of one incarnation, set only
 * by its holder in a live room, gone with the room; wakes kept only while subscribed, and each
 * due wake taken once, however many take at the same time.
 */
export function describePushContract(store: () => RoomStore): void {
  const rooms = new Rooms(store);
  const subscribe = (by: SeatHolder, kept: PushSubscriptionJson | null, time = T + 10) =>
    store().setPushSubscription({ by, subscription: kept, at: at(time) });
  const wake = (by: SeatHolder, times: number[], time = T + 10) =>
    store().setWakes({ by, times, at: at(time) });

  describe('push subscriptions', () => {
    it('keeps a seat’s subscription, shown in the room’s push bits, and forgets it on null', async () => {
      const room = await rooms.pair();
      const kept = subscription();
      expect(await subscribe(room.holder(1), kept)).toEqual({ status: 'set' });
      expect(await store().pushTargetOf(room.ref, 1)).toEqual(kept);
      expect(await store().pushTargetOf(room.ref, 0)).toBeNull();
      expect((await store().getRoom(room.ref.roomId))?.push).toEqual([false, true]);

      expect(await subscribe(room.holder(1), null)).toEqual({ status: 'set' });
      expect(await store().pushTargetOf(room.ref, 1)).toBeNull();
      expect((await store().getRoom(room.ref.roomId))?.push).toEqual([false, false]);
    });

    it('replaces a seat’s subscription with a newer one', async () => {
      const room = await rooms.pair();
      await subscribe(room.holder(0), subscription());
      const newer = subscription();
      await subscribe(room.holder(0), newer);
      expect(await store().pushTargetOf(room.ref, 0)).toEqual(newer);
    });

    it('refuses a member that does not hold the seat, or another incarnation, keeping nothing', async () => {
      const room = await rooms.pair();
      const stranger = { ...room.holder(0), memberId: newCredential().memberId };
      expect(await subscribe(stranger, subscription())).toEqual({ status: 'room_not_found' });
      const otherLife = { ...room.holder(0), room: { ...room.ref, incarnation: 'x'.repeat(22) } };
      expect(await subscribe(otherLife, subscription())).toEqual({ status: 'room_not_found' });
      expect(await store().pushTargetOf(room.ref, 0)).toBeNull();
      expect(await store().pushTargetOf(otherLife.room, 0)).toBeNull();
    });

    it('reports a room that is over as ended, keeping nothing', async () => {
      const room = await rooms.pair();
      const late = T + LIFETIME.idleMs + HOUR;
      expect(await subscribe(room.holder(0), subscription(), late)).toMatchObject({
        status: 'ended',
        reason: 'expired',
      });
      expect(await store().pushTargetOf(room.ref, 0)).toBeNull();
    });

    it('forgets a subscription only while it still has the endpoint the push service refused', async () => {
      const room = await rooms.pair();
      const old = subscription();
      await subscribe(room.holder(0), old);
      const newer = subscription();
      await subscribe(room.holder(0), newer);
      expect(await store().forgetSubscription(room.ref, 0, old.endpoint)).toBe(false);
      expect(await store().pushTargetOf(room.ref, 0)).toEqual(newer);
      expect(await store().forgetSubscription(room.ref, 0, newer.endpoint)).toBe(true);
      expect(await store().pushTargetOf(room.ref, 0)).toBeNull();
      expect(await store().forgetSubscription(room.ref, 0, newer.endpoint)).toBe(false);
    });

    it('goes with the room, wakes included', async () => {
      const room = await rooms.pair();
      await subscribe(room.holder(0), subscription());
      await wake(room.holder(0), [T + HOUR]);
      expect(await store().deleteRoom(room.ref)).toBe(true);
      expect(await store().pushTargetOf(room.ref, 0)).toBeNull();
      expect(await store().takeDueWakes(T + 2 * HOUR, 10)).toEqual([]);
    });
  });

  describe('wakes', () => {
    it('are kept only while the seat has a subscription', async () => {
      const room = await rooms.pair();
      expect(await wake(room.holder(0), [T + HOUR])).toEqual({ status: 'not_subscribed' });
      await subscribe(room.holder(0), subscription());
      expect(await store().takeDueWakes(T + 2 * HOUR, 10)).toEqual([]);
    });

    it('come due once each, with the seat’s subscription, and the later ones stay', async () => {
      const room = await rooms.pair();
      const kept = subscription();
      await subscribe(room.holder(1), kept);
      expect(await wake(room.holder(1), [T + 3 * HOUR, T + HOUR, T + 2 * HOUR])).toEqual({
        status: 'set',
      });
      expect(await store().takeDueWakes(T + HOUR - 1, 10)).toEqual([]);
      const due = await store().takeDueWakes(T + 2 * HOUR, 10);
      expect(due.map((w) => w.at).sort()).toEqual([T + HOUR, T + 2 * HOUR]);
      for (const taken of due) {
        expect(taken).toMatchObject({ room: room.ref, seat: 1, subscription: kept });
      }
      expect(await store().takeDueWakes(T + 2 * HOUR, 10)).toEqual([]);
      expect(await store().takeDueWakes(T + 5 * HOUR, 10)).toMatchObject([{ at: T + 3 * HOUR }]);
    });

    it('are replaced by the next list, and cleared by an empty one', async () => {
      const room = await rooms.pair();
      await subscribe(room.holder(0), subscription());
      await wake(room.holder(0), [T + HOUR, T + 2 * HOUR]);
      await wake(room.holder(0), [T + 3 * HOUR]);
      expect(await store().takeDueWakes(T + 5 * HOUR, 10)).toMatchObject([{ at: T + 3 * HOUR }]);
      await wake(room.holder(0), [T + 6 * HOUR]);
      await wake(room.holder(0), []);
      expect(await store().takeDueWakes(T + 9 * HOUR, 10)).toEqual([]);
    });

    it('go when the subscription is turned off or refused, and stay when it is replaced', async () => {
      const room = await rooms.pair();
      await subscribe(room.holder(0), subscription());
      await wake(room.holder(0), [T + HOUR]);
      const newer = subscription();
      await subscribe(room.holder(0), newer);
      expect(await store().takeDueWakes(T + HOUR, 10)).toMatchObject([{ subscription: newer }]);

      await wake(room.holder(0), [T + 2 * HOUR]);
      await subscribe(room.holder(0), null);
      await subscribe(room.holder(0), subscription());
      expect(await store().takeDueWakes(T + 3 * HOUR, 10)).toEqual([]);

      const refused = subscription();
      await subscribe(room.holder(0), refused);
      await wake(room.holder(0), [T + 4 * HOUR]);
      await store().forgetSubscription(room.ref, 0, refused.endpoint);
      expect(await store().takeDueWakes(T + 5 * HOUR, 10)).toEqual([]);
    });

    it('are taken at most `limit` at a time', async () => {
      const room = await rooms.pair();
      await subscribe(room.holder(0), subscription());
      await subscribe(room.holder(1), subscription());
      await wake(room.holder(0), [T + 1, T + 2, T + 3]);
      await wake(room.holder(1), [T + 4]);
      expect(await store().takeDueWakes(T + HOUR, 3)).toHaveLength(3);
      expect(await store().takeDueWakes(T + HOUR, 3)).toHaveLength(1);
    });

    it('taken by several at once, each wake is taken exactly once', async () => {
      const room = await rooms.pair();
      await subscribe(room.holder(0), subscription());
      await wake(room.holder(0), [T + 1, T + 2, T + 3]);
      const takers = await Promise.all(
        Array.from({ length: 4 }, () => store().takeDueWakes(T + HOUR, 10)),
      );
      expect(
        takers
          .flat()
          .map((w) => w.at)
          .sort(),
      ).toEqual([T + 1, T + 2, T + 3]);
    });
  });

  describe('VAPID keys', () => {
    it('keeps the first pair offered and gives it to every later caller', async () => {
      const first = { publicKey: 'P1', privateKey: 'S1' };
      expect(await store().keepVapidKeys(first)).toEqual(first);
      expect(await store().keepVapidKeys({ publicKey: 'P2', privateKey: 'S2' })).toEqual(first);
    });
  });
}
