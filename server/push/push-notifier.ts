import webpush from 'web-push';
import type { Seat } from '../../shared/ids.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';
import { URGENT_PUSH_TTL_SECONDS, WAKE_PUSH_TTL_SECONDS } from '../../shared/push.ts';
import type { Logger } from '../log.ts';
import { channelOf } from '../rooms/channel.ts';
import { roomTag } from '../room-tag.ts';
import type { TandemServer } from '../socket/types.ts';
import type { VapidKeys } from '../store/push-store.ts';
import type { Moment, RoomRef, RoomStore } from '../store/room-store.ts';
import { isAllowedEndpoint } from './endpoint-guard.ts';
import { envelopeBody, topicOf, wakeBody } from './payload.ts';
import { PushSender } from './sender.ts';
import type { PushSettings } from './settings.ts';
import { DEFAULT_DELIVERY, DEFAULT_WAKE_INTERVAL_MS } from './settings.ts';

export interface NotifierDeps {
  readonly io: TandemServer;
  readonly store: RoomStore;
  readonly log: Logger;
  readonly moment: () => Moment;
  /** A seat's push bit changed (a subscription the service refused): tell the room. */
  readonly pushChanged: (room: RoomRef) => Promise<void>;
}

/** Wakes taken per store query; the timer takes again while a batch comes back full. */
const WAKE_BATCH = 50;

/**
 * Web Push for one server process: which endpoints it accepts, its VAPID key, and when to push.
 * - An urgent envelope (notify) is pushed to the partner's subscription when the partner has no
 *   connection in the room, or every connection it has says its page is hidden.
 * - A timer takes the wakes that came due (each taken once, across processes) and pushes them.
 * Sending is PushSender's, in the background.
 */
export class PushNotifier {
  readonly #deps: NotifierDeps;
  readonly #settings: PushSettings;
  readonly #sender: PushSender;
  #keys: Promise<VapidKeys> | null = null;
  /** Urgent envelopes still being looked at (is the partner away?), for idle(). */
  readonly #deciding = new Set<Promise<void>>();

  constructor(deps: NotifierDeps, settings: PushSettings) {
    this.#deps = deps;
    this.#settings = settings;
    this.#sender = new PushSender({
      log: deps.log,
      settings: { ...DEFAULT_DELIVERY, ...settings.delivery },
      vapid: async () => ({ ...(await this.keys()), subject: settings.subject }),
      onGone: async (job) => {
        if (await deps.store.forgetSubscription(job.room, job.seat, job.subscription.endpoint)) {
          await deps.pushChanged(job.room);
        }
      },
    });
    // Made (or read) at start, so the first join does not wait for it; asked again on failure.
    this.keys().catch((error: unknown) => {
      deps.log.warn('VAPID keys not ready', { error: String(error) });
    });
  }

  /**
   * The VAPID key pair: the environment's, or the store's (the first process to start keeps a new
   * one there). Asked again after a failure, so a store briefly away does not disable push.
   */
  keys(): Promise<VapidKeys> {
    if (this.#keys === null) {
      const given = this.#settings.keys;
      const keys =
        given === null
          ? this.#deps.store.keepVapidKeys(webpush.generateVAPIDKeys())
          : Promise.resolve(given);
      this.#keys = keys;
      keys.catch(() => {
        if (this.#keys === keys) this.#keys = null;
      });
    }
    return this.#keys;
  }

  async publicKey(): Promise<string> {
    return (await this.keys()).publicKey;
  }

  accepts(endpoint: string): boolean {
    return isAllowedEndpoint(endpoint, this.#settings.serviceHosts);
  }

  /**
   * After `envelope` (notify) was stored in `room`: push it to the other seat if that phone may
   * not see it otherwise. Never throws and never delays the caller.
   */
  urgentEnvelope(room: RoomRef, envelope: StoredEnvelope): void {
    const partner: Seat = envelope.seat === 0 ? 1 : 0;
    const deciding = this.#pushIfAway(room, partner, envelope)
      .catch((error: unknown) => {
        this.#deps.log.warn('push not sent', { room: roomTag(room.roomId), error: String(error) });
      })
      .finally(() => {
        this.#deciding.delete(deciding);
      });
    this.#deciding.add(deciding);
  }

  /**
   * Starts the wake timer; returns the function that stops it (and waits for a tick under way).
   * The sender stays open: a shutdown lets it drain, then closes it (close()).
   */
  startWakes(): () => Promise<void> {
    let running: Promise<void> | null = null;
    const timer = setInterval(() => {
      running ??= this.#sendDueWakes()
        .catch((error: unknown) => {
          this.#deps.log.warn('wakes not taken', { error: String(error) });
        })
        .finally(() => {
          running = null;
        });
    }, this.#settings.wakeIntervalMs ?? DEFAULT_WAKE_INTERVAL_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  /** Sends nothing more; what is still queued or waiting to retry is given up (shutdown, last). */
  close(): Promise<void> {
    return this.#sender.close();
  }

  /**
   * Resolves once no urgent envelope is being decided and no push is queued, in flight or waiting
   * to retry: a test that finds no push then knows none is coming.
   */
  async idle(): Promise<void> {
    await Promise.all(this.#deciding);
    await this.#sender.idle();
  }

  async #pushIfAway(room: RoomRef, seat: Seat, envelope: StoredEnvelope): Promise<void> {
    const subscription = await this.#deps.store.pushTargetOf(room, seat);
    // Kept under an allowlist since narrowed (or another process's): not sent to any more.
    if (subscription === null || !this.accepts(subscription.endpoint)) return;
    // fetchSockets spans every process once an adapter does; `hidden` travels in socket.data.
    const sockets = await this.#deps.io.in(channelOf(room)).fetchSockets();
    const seen = sockets.some((socket) => socket.data.member?.seat === seat && !socket.data.hidden);
    if (seen) return;
    this.#sender.send({
      room,
      seat,
      kind: 'envelope',
      subscription,
      body: envelopeBody(room, envelope),
      ttlSeconds: URGENT_PUSH_TTL_SECONDS,
      urgency: 'high',
      topic: topicOf(room, seat, (await this.keys()).privateKey),
    });
  }

  async #sendDueWakes(): Promise<void> {
    for (;;) {
      // Only as many as the sender takes now: a wake taken from the store is not given back, so
      // one dropped for a full queue would be lost. The rest wait for the next tick.
      const places = Math.min(WAKE_BATCH, this.#sender.freePlaces());
      if (places === 0) return;
      const due = await this.#deps.store.takeDueWakes(this.#deps.moment().now, places);
      for (const wake of due) {
        if (!this.accepts(wake.subscription.endpoint)) continue;
        this.#sender.send({
          room: wake.room,
          seat: wake.seat,
          kind: 'wake',
          subscription: wake.subscription,
          body: wakeBody(wake.room, wake.at),
          ttlSeconds: WAKE_PUSH_TTL_SECONDS,
          urgency: 'normal',
        });
      }
      if (due.length < places) return;
    }
  }
}
