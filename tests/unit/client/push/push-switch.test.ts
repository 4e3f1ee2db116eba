import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type {
  PushManagerLike,
  PushPlatform,
  PushSubscriptionLike,
} from '../../../../client/src/push/push-platform.ts';
import { PushStore } from '../../../../client/src/push/push-store.ts';
import type { PushSwitchDeps } from '../../../../client/src/push/push-switch.ts';
import { PushSwitch } from '../../../../client/src/push/push-switch.ts';
import type { PushSendOutcome } from '../../../../client/src/room/push-link.ts';
import { NOTIFICATION_WORDS_EN } from '../../../../client/src/ui/text/notification-words.ts';
import { toBase64url } from '../../../../shared/crypto/base64url.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../../shared/crypto/codec.ts';
import type { PushSubscriptionJson } from '../../../../shared/push.ts';
import { PushSubscriptionJson as PushSubscriptionSchema } from '../../../../shared/push.ts';

const vapidKey = (fill: number) => toBase64url(new Uint8Array(65).fill(fill));
const KEY_A = vapidKey(4);
const KEY_B = vapidKey(5);

/** A browser's PushManager: one subscription at a time, made for one server key. */
class FakePushManager implements PushManagerLike {
  current: FakeSubscription | null = null;
  made = 0;
  failNext = false;

  getSubscription(): Promise<PushSubscriptionLike | null> {
    return Promise.resolve(this.current);
  }

  subscribe(options: {
    applicationServerKey: Uint8Array<ArrayBuffer>;
  }): Promise<PushSubscriptionLike> {
    if (this.failNext) return Promise.reject(new Error('AbortError'));
    this.made += 1;
    this.current = new FakeSubscription(this, options.applicationServerKey, this.made);
    return Promise.resolve(this.current);
  }
}

class FakeSubscription implements PushSubscriptionLike {
  readonly endpoint: string;
  readonly options: { applicationServerKey: ArrayBuffer };
  constructor(
    readonly manager: FakePushManager,
    key: Uint8Array<ArrayBuffer>,
    serial: number,
  ) {
    this.endpoint = `https://push.example/send/${serial}`;
    this.options = { applicationServerKey: key.slice().buffer };
  }
  getKey(name: 'p256dh' | 'auth'): ArrayBuffer {
    return new Uint8Array(name === 'p256dh' ? 65 : 16).fill(7).buffer;
  }
  unsubscribe(): Promise<boolean> {
    if (this.manager.current === this) this.manager.current = null;
    return Promise.resolve(true);
  }
}

interface RigOptions {
  readonly permission?: NotificationPermission;
  readonly answer?: NotificationPermission;
}

function rig({ permission = 'default', answer = 'granted' }: RigOptions = {}) {
  const manager = new FakePushManager();
  const browser = { permission, asked: 0 };
  const platform: PushPlatform = {
    permission: () => browser.permission,
    requestPermission: () => {
      browser.asked += 1;
      browser.permission = answer;
      return Promise.resolve(answer);
    },
    pushManager: () => Promise.resolve(manager),
  };
  const factory = new IDBFactory();
  const sent: (PushSubscriptionJson | null)[] = [];
  /** `seatHasPush`: what the presence says of this seat's subscription on the server. */
  const server = { outcome: 'ok' as PushSendOutcome, seatHasPush: false };
  const make = async (secret = newRoomSecret()) => {
    const { roomId, contentKey } = await deriveRoomKeys(secret);
    const deps: PushSwitchDeps = {
      platform,
      store: new PushStore(factory),
      roomId,
      contentKey,
      address: `https://tandem.example/#${secret}`,
      wording: () => ({ language: 'en', words: NOTIFICATION_WORDS_EN }),
      send: (subscription) => {
        sent.push(subscription);
        return Promise.resolve(server.outcome);
      },
      seatHasPush: () => server.seatHasPush,
    };
    return { push: new PushSwitch(deps), roomId };
  };
  return { manager, browser, factory, sent, server, make, store: new PushStore(factory) };
}

/** The server key the browser's current subscription was made with. */
function keyOf(manager: FakePushManager): string {
  if (manager.current === null) throw new Error('no subscription');
  return toBase64url(new Uint8Array(manager.current.options.applicationServerKey));
}

const vapid = (key: string) => ({ kind: 'vapid', key }) as const;

describe('the Notifications switch', () => {
  it('is unsupported without Web Push, and does nothing', async () => {
    const { roomId, contentKey } = await deriveRoomKeys(newRoomSecret());
    const push = new PushSwitch({
      platform: null,
      store: new PushStore(undefined),
      roomId,
      contentKey,
      address: '/',
      wording: () => ({ language: 'en', words: NOTIFICATION_WORDS_EN }),
      send: () => Promise.resolve('ok'),
      seatHasPush: () => false,
    });
    await push.turnOn(vapid(KEY_A));
    expect(push.getSnapshot()).toEqual({ kind: 'unsupported' });
  });

  it('says when the server sends no pushes', async () => {
    const { make } = rig();
    const { push } = await make();
    await push.sync({ kind: 'none' });
    expect(push.getSnapshot()).toEqual({ kind: 'no_server' });
  });

  it('is off, or blocked, until turned on', async () => {
    const blocked = rig({ permission: 'denied' });
    const a = await blocked.make();
    await a.push.sync(vapid(KEY_A));
    expect(a.push.getSnapshot()).toEqual({ kind: 'denied' });
    const fresh = rig();
    const b = await fresh.make();
    await b.push.sync(vapid(KEY_A));
    expect(b.push.getSnapshot()).toEqual({ kind: 'off' });
  });

  it('turns on: asks within the tap, subscribes with the server key, keeps the record, tells the server', async () => {
    const { make, browser, manager, sent, store } = rig();
    const { push, roomId } = await make();
    const done = push.turnOn(vapid(KEY_A));
    // Asked before anything was awaited: still inside the tap.
    expect(browser.asked).toBe(1);
    expect(push.getSnapshot()).toEqual({ kind: 'working' });
    await done;
    expect(push.getSnapshot()).toEqual({ kind: 'on', showSignalName: false });
    expect(keyOf(manager)).toBe(KEY_A);
    expect(sent).toHaveLength(1);
    expect(PushSubscriptionSchema.safeParse(sent[0]).success).toBe(true);
    expect(await store.get(roomId)).toMatchObject({
      roomId,
      showSignalName: false,
      language: 'en',
    });
  });

  it('stays off when the person says no', async () => {
    const { make, sent, store } = rig({ answer: 'denied' });
    const { push, roomId } = await make();
    await push.turnOn(vapid(KEY_A));
    expect(push.getSnapshot()).toEqual({ kind: 'denied' });
    expect(sent).toEqual([]);
    expect(await store.get(roomId)).toBeNull();
  });

  it('keeps nothing when the server refuses the subscription', async () => {
    const { make, server, store, manager } = rig();
    server.outcome = 'refused';
    const { push, roomId } = await make();
    await push.turnOn(vapid(KEY_A));
    expect(push.getSnapshot()).toEqual({ kind: 'failed', reason: 'refused' });
    expect(await store.get(roomId)).toBeNull();
    expect(manager.current).toBeNull();
  });

  it('says so when the browser will not subscribe', async () => {
    const { make, manager, store } = rig();
    manager.failNext = true;
    const { push, roomId } = await make();
    await push.turnOn(vapid(KEY_A));
    expect(push.getSnapshot()).toEqual({ kind: 'failed', reason: 'subscribe' });
    expect(await store.get(roomId)).toBeNull();
  });

  it('turns off: forgets the record, tells the server, unsubscribes once no room uses it', async () => {
    const { make, manager, sent, store } = rig();
    const first = await make();
    const second = await make();
    await first.push.turnOn(vapid(KEY_A));
    await second.push.turnOn(vapid(KEY_A));
    expect(manager.made).toBe(1);
    await first.push.turnOff();
    expect(first.push.getSnapshot()).toEqual({ kind: 'off' });
    expect(sent.at(-1)).toBeNull();
    expect(await store.get(first.roomId)).toBeNull();
    expect(manager.current).not.toBeNull();
    await second.push.turnOff();
    expect(manager.current).toBeNull();
  });

  it('at a join while on, sends the subscription again, and a new one for a new server key', async () => {
    const { make, manager, sent } = rig();
    const secret = newRoomSecret();
    const before = await make(secret);
    await before.push.turnOn(vapid(KEY_A));
    // The page reloads: a new switch finds the record and resends at the join.
    const after = await make(secret);
    await after.push.sync({ kind: 'unknown' });
    expect(after.push.getSnapshot()).toEqual({ kind: 'on', showSignalName: false });
    await after.push.sync(vapid(KEY_A));
    expect(sent.map((s) => s?.endpoint)).toEqual([
      'https://push.example/send/1',
      'https://push.example/send/1',
    ]);
    await after.push.sync(vapid(KEY_B));
    expect(sent.at(-1)?.endpoint).toBe('https://push.example/send/2');
    expect(keyOf(manager)).toBe(KEY_B);
  });

  it('forgets a room whose permission was taken back in the browser', async () => {
    const { make, browser, store } = rig();
    const { push, roomId } = await make();
    await push.turnOn(vapid(KEY_A));
    browser.permission = 'denied';
    await push.sync(vapid(KEY_A));
    expect(push.getSnapshot()).toEqual({ kind: 'denied' });
    expect(await store.get(roomId)).toBeNull();
  });

  it('at a join while off, tells the server to forget the subscription the presence shows it still holds', async () => {
    // Turned off with no connection, then the page closed: only this browser knew.
    const { make, sent, server } = rig({ permission: 'granted' });
    const { push } = await make();
    await push.sync({ kind: 'unknown' });
    expect(sent).toEqual([]);
    server.seatHasPush = true;
    await push.sync(vapid(KEY_A));
    expect(push.getSnapshot()).toEqual({ kind: 'off' });
    expect(sent).toEqual([null]);
  });

  it('at a join while off, says nothing when the server holds no subscription for the seat', async () => {
    const { make, sent } = rig({ permission: 'granted' });
    const { push } = await make();
    await push.sync(vapid(KEY_A));
    await push.sync({ kind: 'none' });
    expect(push.getSnapshot()).toEqual({ kind: 'no_server' });
    expect(sent).toEqual([]);
  });

  it('tells the server to forget the subscription when the permission was taken back', async () => {
    const { make, browser, sent, server } = rig();
    const { push } = await make();
    await push.turnOn(vapid(KEY_A));
    server.seatHasPush = true;
    browser.permission = 'default';
    await push.sync(vapid(KEY_A));
    expect(push.getSnapshot()).toEqual({ kind: 'off' });
    expect(sent.at(-1)).toBeNull();
  });

  it("keeps the choice to show the signal's name", async () => {
    const { make, store } = rig();
    const { push, roomId } = await make();
    await push.turnOn(vapid(KEY_A));
    await push.showSignalName(true);
    expect(push.getSnapshot()).toEqual({ kind: 'on', showSignalName: true });
    expect((await store.get(roomId))?.showSignalName).toBe(true);
  });
});
