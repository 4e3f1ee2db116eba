import { afterEach, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../../../client/src/room/room-client.ts';
import { scheduledFollowUps } from '../../../../shared/follow-up.ts';
import type { PushSubscriptionJson } from '../../../../shared/push.ts';
import { acceptJoin, fakePhone, sealedEnvelope, stopFakePhones } from '../support/fake-room.ts';

afterEach(stopFakePhones);

/** Resolves once the phone holds its seat over the connection. */
const connected = (client: RoomClient) =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (client.getSnapshot().connected) resolve();
    };
    client.subscribe(check);
    check();
  });

const SUBSCRIPTION: PushSubscriptionJson = {
  endpoint: 'https://push.example/send/1',
  keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) },
};

describe('what the phone tells the server to reach it when its page is not there', () => {
  it('says the page is hidden after the join, and each change after', async () => {
    const phone = await fakePhone();
    phone.client.setHidden(true);
    const socket = phone.pair.socket;
    await acceptJoin(socket);
    const hidden = await socket.next('phone:visibility');
    expect(hidden.payload).toEqual({ hidden: true });
    hidden.answer({ ok: true });
    phone.client.setHidden(false);
    expect((await socket.next('phone:visibility')).payload).toEqual({ hidden: false });
  });

  it('says nothing of a visible page at a join', async () => {
    const phone = await fakePhone();
    phone.client.setHidden(true);
    phone.client.setHidden(false);
    void phone.client.setPushSubscription(SUBSCRIPTION);
    const socket = phone.pair.socket;
    await acceptJoin(socket);
    // The join says visibility (when hidden) before the subscription.
    await socket.next('push:subscribe');
    expect(socket.emitted.filter(({ name }) => name === 'phone:visibility')).toEqual([]);
  });

  it('sends the subscription at the join, then the wakes; and again after a rejoin', async () => {
    const phone = await fakePhone();
    expect(await phone.client.setPushSubscription(SUBSCRIPTION)).toBe('later');
    const socket = phone.pair.socket;
    await acceptJoin(socket);
    const subscribe = await socket.next('push:subscribe');
    expect(subscribe.payload).toEqual({ subscription: SUBSCRIPTION });
    expect(socket.pending('push:wake')).toEqual([]);
    subscribe.answer({ ok: true });
    const wake = await socket.next('push:wake');
    expect(wake.payload).toEqual({ at: [] });
    wake.answer({ ok: true });

    socket.drop();
    await acceptJoin(socket);
    expect((await socket.next('push:subscribe')).payload).toEqual({ subscription: SUBSCRIPTION });
  });

  it('tells how the server answered a change of the subscription', async () => {
    const phone = await fakePhone();
    const socket = phone.pair.socket;
    await acceptJoin(socket);
    await connected(phone.client);
    const refused = phone.client.setPushSubscription(SUBSCRIPTION);
    (await socket.next('push:subscribe')).answer({ ok: false, error: { code: 'push_refused' } });
    expect(await refused).toBe('refused');
    const off = phone.client.setPushSubscription(null);
    (await socket.next('push:subscribe')).answer({ ok: true });
    expect(await off).toBe('ok');
    // Off: no wakes are asked for.
    expect(socket.pending('push:wake')).toEqual([]);
  });

  it('asks to be woken at the follow-ups still to come once the session has ended', async () => {
    const phone = await fakePhone();
    await phone.client.setPushSubscription(SUBSCRIPTION);
    const socket = phone.pair.socket;
    const started = await sealedEnvelope(phone.keys, 1, { type: 'session_started' });
    const ended = {
      ...(await sealedEnvelope(phone.keys, 2, { type: 'session_ended' })),
      storedAt: Date.now(),
    };
    await acceptJoin(socket, { envelopes: [started, ended] });
    (await socket.next('push:subscribe')).answer({ ok: true });
    // The first may go before the replay is folded; the next says what the log holds.
    let wake = await socket.next('push:wake');
    while (wake.payload.at.length === 0) {
      wake.answer({ ok: true });
      wake = await socket.next('push:wake');
    }
    const due = scheduledFollowUps(phone.client.getSnapshot().room).map(({ dueAt }) => dueAt);
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((at) => at > Date.now())).toBe(true);
    expect(wake.payload.at).toEqual(due);
  });
});
