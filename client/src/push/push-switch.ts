import { fromBase64url, toBase64url } from '../../../shared/crypto/base64url.ts';
import type { PushSubscriptionJson } from '../../../shared/push.ts';
import type { PushSendOutcome } from '../room/push-link.ts';
import type { ServerPush } from '../room/room-view.ts';
import type { PushPlatform, PushSubscriptionLike } from './push-platform.ts';
import type { NotificationWords, PushRecord, PushStore } from './push-store.ts';

/** What the "Notifications" switch shows. */
export type PushSwitchState =
  /** This browser has no Web Push. */
  | { readonly kind: 'unsupported' }
  /** The server sends no pushes (no VAPID key configured). */
  | { readonly kind: 'no_server' }
  /** The person blocked notifications for the site: only the browser's settings can undo it. */
  | { readonly kind: 'denied' }
  | { readonly kind: 'off' }
  /** Turning on or off. */
  | { readonly kind: 'working' }
  | { readonly kind: 'on'; readonly showSignalName: boolean }
  /** Turning on did not work; nothing is kept. `refused`: the server will not send to it. */
  | { readonly kind: 'failed'; readonly reason: 'refused' | 'subscribe' };

/** The person's language and the notification words in it, as the page renders them now. */
export interface Wording {
  readonly language: string;
  readonly words: NotificationWords;
}

export interface PushSwitchDeps {
  readonly platform: PushPlatform | null;
  readonly store: PushStore;
  readonly roomId: string;
  /** The room's content key (non-extractable): the worker opens pushes with it. */
  readonly contentKey: CryptoKey;
  /** The room's link, which a tap on a notification opens. */
  readonly address: string;
  readonly wording: () => Wording;
  /** Tells the server (null: forget the subscription). Resent at each join by the session. */
  readonly send: (subscription: PushSubscriptionJson | null) => Promise<PushSendOutcome>;
  /** Whether the server's presence says this seat has a push subscription now. */
  readonly seatHasPush: () => boolean;
}

/**
 * One room's "Notifications" switch: turns Web Push on (permission, subscription, what the
 * service worker needs kept, the server told) and off, and keeps it working at each join (a
 * subscription that rotated or was lost, a server with a new VAPID key). One subscription serves
 * every room of this browser (one service worker): turning off in one room forgets it only there,
 * and unsubscribes only when no room has notifications on any more.
 */
export class PushSwitch {
  readonly #deps: PushSwitchDeps;
  readonly #listeners = new Set<() => void>();
  #state: PushSwitchState;
  /** One change at a time, in the order asked. */
  #queue: Promise<void> = Promise.resolve();

  constructor(deps: PushSwitchDeps) {
    this.#deps = deps;
    this.#state = deps.platform === null ? { kind: 'unsupported' } : { kind: 'working' };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): PushSwitchState => this.#state;

  /** What the server said at the last join: set the state, and mend a subscription that is on. */
  sync(server: ServerPush): Promise<void> {
    return this.#then(async (platform): Promise<PushSwitchState> => {
      if (server.kind === 'none') return { kind: 'no_server' };
      const record = await this.#deps.store.get(this.#deps.roomId);
      if (record === null || platform.permission() !== 'granted') {
        // Off here, or the permission taken back in the browser's settings (nothing can be shown,
        // so nothing is kept): off on the server too.
        if (record !== null) await this.#forget();
        await this.#sayOff(server);
        return idle(platform.permission());
      }
      const on: PushSwitchState = { kind: 'on', showSignalName: record.showSignalName };
      this.#set(on);
      if (server.kind === 'unknown') return on;
      const subscription = await this.#subscription(platform, server.key).catch(() => null);
      if (subscription === null) return { kind: 'failed', reason: 'subscribe' };
      if ((await this.#deps.send(subscription)) !== 'refused') return on;
      await this.#forget();
      return { kind: 'failed', reason: 'refused' };
    });
  }

  /** The tap on "Notifications": asks the browser's permission at once, within the tap. */
  turnOn(server: ServerPush): Promise<void> {
    const platform = this.#deps.platform;
    if (platform === null || server.kind !== 'vapid') return Promise.resolve();
    const permission = platform.requestPermission();
    this.#set({ kind: 'working' });
    return this.#then(async (): Promise<PushSwitchState> => {
      const answer = await permission.catch((): NotificationPermission => 'default');
      if (answer !== 'granted') return idle(answer);
      const subscription = await this.#subscription(platform, server.key).catch(() => null);
      if (subscription === null) return { kind: 'failed', reason: 'subscribe' };
      const showSignalName = false;
      if (!(await this.#deps.store.put(this.#record(showSignalName)))) {
        return { kind: 'failed', reason: 'subscribe' };
      }
      if ((await this.#deps.send(subscription)) === 'refused') {
        await this.#forget();
        return { kind: 'failed', reason: 'refused' };
      }
      return { kind: 'on', showSignalName };
    });
  }

  turnOff(): Promise<void> {
    this.#set({ kind: 'working' });
    return this.#then(async (platform) => {
      await this.#forget();
      await this.#deps.send(null);
      return idle(platform.permission());
    });
  }

  /** "Show the signal's name in notifications". */
  showSignalName(show: boolean): Promise<void> {
    return this.#then(async () => {
      if (this.#state.kind !== 'on') return null;
      const kept = await this.#deps.store.put(this.#record(show));
      return kept ? { kind: 'on', showSignalName: show } : null;
    });
  }

  /** The person changed language: the notifications speak it from now on. */
  reword(): Promise<void> {
    return this.#then(async () => {
      if (this.#state.kind !== 'on') return null;
      await this.#deps.store.put(this.#record(this.#state.showSignalName));
      return null;
    });
  }

  /**
   * Off here, yet the server still holds a subscription for the seat: it is told to forget it. A
   * turn-off made offline whose page then closed reached only this browser; the server would
   * otherwise keep the subscription (shared by every room of this browser) and notify this phone
   * until the room ends. Said only when the presence shows one, so a tab that is off does not
   * keep repeating null at its joins over a subscription another tab of this browser turned on.
   */
  async #sayOff(server: ServerPush): Promise<void> {
    // `vapid`: a join has said it, with the presence; `none`: the server keeps no subscription.
    if (server.kind === 'vapid' && this.#deps.seatHasPush()) await this.#deps.send(null);
  }

  #record(showSignalName: boolean): PushRecord {
    const { roomId, contentKey, address } = this.#deps;
    return { roomId, contentKey, address, showSignalName, ...this.#deps.wording() };
  }

  /** This browser's subscription for `key`: the current one, or a new one if it has none or
   * one made for another key (the server's VAPID key changed). */
  async #subscription(platform: PushPlatform, key: string): Promise<PushSubscriptionJson> {
    const manager = await platform.pushManager();
    const applicationServerKey = fromBase64url(key);
    let subscription = await manager.getSubscription();
    if (subscription !== null && !sameKey(subscription, applicationServerKey)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await manager.subscribe({ userVisibleOnly: true, applicationServerKey });
    return subscriptionJson(subscription);
  }

  /** Forgets this room's record; the browser's subscription goes once no room uses it. */
  async #forget(): Promise<void> {
    const { store, roomId, platform } = this.#deps;
    await store.delete(roomId);
    if (platform === null || (await store.count()) > 0) return;
    const manager = await platform.pushManager().catch(() => null);
    const subscription = await manager?.getSubscription().catch(() => null);
    await subscription?.unsubscribe().catch(() => false);
  }

  /** Runs `work` after the changes before it; the state it returns (null: as it is) is shown. */
  #then(work: (platform: PushPlatform) => Promise<PushSwitchState | null>): Promise<void> {
    const platform = this.#deps.platform;
    if (platform === null) return Promise.resolve();
    const done = this.#queue
      .then(() => work(platform))
      .then(
        (state) => {
          if (state !== null) this.#set(state);
        },
        () => {
          this.#set({ kind: 'failed', reason: 'subscribe' });
        },
      );
    this.#queue = done;
    return done;
  }

  #set(state: PushSwitchState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}

const idle = (permission: NotificationPermission): PushSwitchState =>
  permission === 'denied' ? { kind: 'denied' } : { kind: 'off' };

function sameKey(subscription: PushSubscriptionLike, key: Uint8Array): boolean {
  const current = subscription.options.applicationServerKey;
  return current !== null && toBase64url(new Uint8Array(current)) === toBase64url(key);
}

/** The subscription as the contract has it (`toJSON()` would add `expirationTime`). */
export function subscriptionJson(subscription: PushSubscriptionLike): PushSubscriptionJson {
  const p256dh = subscription.getKey('p256dh');
  const auth = subscription.getKey('auth');
  if (p256dh === null || auth === null) throw new Error('subscription without keys');
  return {
    endpoint: subscription.endpoint,
    keys: { p256dh: toBase64url(new Uint8Array(p256dh)), auth: toBase64url(new Uint8Array(auth)) },
  };
}
