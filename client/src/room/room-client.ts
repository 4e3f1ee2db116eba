import type {
  ContentEvent,
  FollowUpRef,
  ItemAudience,
  ReflectionAnswers,
} from '../../../shared/content.ts';
import { randomBase64url } from '../../../shared/crypto/base64url.ts';
import { deriveRoomKeys } from '../../../shared/crypto/codec.ts';
import { otherSeat } from '../../../shared/ids.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { initialRoomState } from '../../../shared/reducer.ts';
import type { CheckInInterval, FollowUpFirst, FollowUpMood } from '../../../shared/schedule.ts';
import type { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import type { Afterwards, WishId } from '../../../shared/wishes.ts';
import type { PushSubscriptionJson } from '../../../shared/push.ts';
import { asOneLine } from './one-line.ts';
import type { PushSendOutcome } from './push-link.ts';
import type { OpenReflectionResult } from './reflection-crypto.ts';
import { deviceReflectionKey, openReflection, sealReflection } from './reflection-crypto.ts';
import type { RoomSessionDeps } from './room-session.ts';
import { RoomSession } from './room-session.ts';
import type { RoomView } from './room-view.ts';

export type { RoomSocket } from './room-socket.ts';
export type { RefusedEvent } from './refusal-notice.ts';
export type { ClosedReason, RoomStatus, RoomView, ServerPush } from './room-view.ts';
export type { PushSendOutcome } from './push-link.ts';
export type RoomClientDeps = RoomSessionDeps;

/** A person's wishes as they choose them in the editor. */
export interface WishChoice {
  readonly wishes: readonly WishId[];
  readonly own: readonly string[];
  readonly afterwards: Afterwards | null;
}

/**
 * A room as the screens use it: the view to render (React's external-store protocol) and what a
 * person can do. The work happens in the session (room-session.ts), made once the room's keys
 * are derived.
 */
export class RoomClient {
  readonly #secret: string;
  readonly #deps: RoomClientDeps;
  readonly #listeners = new Set<() => void>();
  #view: RoomView = {
    status: { kind: 'opening' },
    connected: false,
    seat: null,
    presence: null,
    room: initialRoomState,
    outbox: [],
    unreachable: false,
    unsentSignalLost: false,
    refused: null,
    serverPush: { kind: 'unknown' },
  };
  #session: RoomSession | null = null;
  #generation = 0;
  /** Kept for the session: the page may be hidden while the room's keys are derived. */
  #hidden = false;

  constructor(roomSecret: string, deps: RoomClientDeps) {
    this.#secret = roomSecret;
    this.#deps = deps;
  }

  // ---- React's external-store protocol ----

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomView => this.#view;

  // ---- Lifecycle ----

  /**
   * Opens the room. Safe to call again after stop() (React may mount an effect twice): each call
   * starts a new generation and anything an older one was still awaiting is dropped.
   */
  async start(): Promise<void> {
    const generation = ++this.#generation;
    const session =
      this.#session ??
      new RoomSession(this.#secret, await deriveRoomKeys(this.#secret), this.#deps, {
        view: () => this.#view,
        update: (patch) => {
          this.#update(patch);
        },
      });
    if (generation !== this.#generation) return;
    this.#session = session;
    // Reported before there was a session: it says it after each join (push-link.ts).
    session.push.visibility(this.#hidden);
    await session.start();
  }

  /** The tab closes (or the screen unmounts): another tab of this browser may send now. */
  stop(): void {
    this.#generation += 1;
    this.#session?.stop();
  }

  /** Opening failed for a reason no retry can fix: say so rather than spin. */
  fail(): void {
    if (this.#session !== null) this.#session.close('failed');
    else this.#update({ status: { kind: 'closed', reason: 'failed' } });
  }

  /** Reconnect at once rather than waiting out the backoff (the page became visible, say). */
  reconnectNow(): void {
    this.#session?.reconnectNow();
  }

  // ---- Reaching this phone when its page is not there (push-link.ts) ----

  /**
   * Keeps this browser's push subscription with the seat (null: forget it). Resent after every
   * join while set. Resolves how it went: `later` when there is no connection now.
   */
  async setPushSubscription(subscription: PushSubscriptionJson | null): Promise<PushSendOutcome> {
    return (await this.#session?.push.subscribe(subscription)) ?? 'later';
  }

  /** Whether this page is hidden now: the server pushes to a seat whose pages all are. */
  setHidden(hidden: boolean): void {
    this.#hidden = hidden;
    this.#session?.push.visibility(hidden);
  }

  // ---- What a person can do ----

  sendSignal(kind: SignalKind): void {
    this.#enqueue({ type: 'signal', kind });
  }

  acknowledge(signalIds: readonly string[]): void {
    for (let i = 0; i < signalIds.length; i += LIMITS.maxSeenBatch) {
      const batch = signalIds.slice(i, i + LIMITS.maxSeenBatch);
      if (batch.length > 0) this.#enqueue({ type: 'signal_seen', signalIds: batch });
    }
  }

  /**
   * "Test alerts" (the ready check): the partner's phone shows it as it shows a signal. It goes
   * through the same outbox, so it proves the way a real signal takes.
   */
  sendTestAlert(): void {
    this.#enqueue({ type: 'test_alert' });
  }

  /** "Got it" on the partner's test alert `ref`: their phone then shows it got through. */
  acknowledgeTestAlert(ref: string): void {
    this.#enqueue({ type: 'test_alert_seen', ref });
  }

  /** An answer other than "okay" is also sent as a signal, so it alerts the partner in full. */
  answerCheckIn(signalId: string, answer: CheckInAnswer): void {
    this.#enqueue({ type: 'check_in_answer', signalId, answer });
    if (answer !== 'okay') this.#enqueue({ type: 'signal', kind: answer });
  }

  startSession(): void {
    this.#enqueue({ type: 'session_started' });
  }

  endSession(): void {
    this.#enqueue({ type: 'session_ended' });
  }

  /**
   * Adds an item for both phones. Control characters (a pasted tab, say) become spaces. Returns
   * false, and sends nothing, when the label is still not one the contract accepts.
   */
  addChecklistItem(label: string, audience: ItemAudience): boolean {
    return this.#enqueue({
      type: 'checklist_item_added',
      itemId: randomBase64url(12),
      label: asOneLine(label),
      audience,
    });
  }

  setItemChecked(itemId: string, checked: boolean): void {
    this.#enqueue({ type: 'checklist_item_checked', itemId, checked });
  }

  /** Shares this person's wishes (the whole current choice): the partner sees them from now on. */
  shareWishes(wishes: WishChoice): boolean {
    return this.#enqueue({
      type: 'wishes_shared',
      wishes: [...wishes.wishes],
      own: wishes.own.map(asOneLine),
      afterwards: wishes.afterwards,
    });
  }

  setRegularCheckIns(everyMinutes: CheckInInterval): void {
    this.#enqueue({ type: 'regular_check_ins_set', everyMinutes });
  }

  /** This phone's timer says round `round` is due: both phones prompt it once it is in the log. */
  markRoundDue(round: number): void {
    this.#enqueue({ type: 'check_in_round_due', round });
  }

  /** Like a check-in answer: anything but "okay" also alerts the partner in full. */
  answerRound(round: number, answer: CheckInAnswer): void {
    this.#enqueue({ type: 'check_in_round_answer', round, answer });
    if (answer !== 'okay') this.#enqueue({ type: 'signal', kind: answer });
  }

  setFollowUp(first: FollowUpFirst, alsoLater: boolean): void {
    this.#enqueue({ type: 'follow_up_set', first, alsoLater });
  }

  /** "How are you?", at any time: the partner's phone asks them. */
  askFollowUp(): void {
    this.#enqueue({ type: 'follow_up_asked' });
  }

  /** Answers every follow-up waiting for this person; control characters in the note become spaces. */
  answerFollowUp(covers: readonly FollowUpRef[], mood: FollowUpMood, note: string): boolean {
    if (covers.length === 0) return false;
    return this.#enqueue({
      type: 'follow_up_answer',
      covers: covers.slice(0, LIMITS.maxFollowUpCovers),
      mood,
      note: asOneLine(note),
    });
  }

  /** The person has read that their signal (or check-in answer) was not sent. */
  dismissRefused(): void {
    if (this.#view.refused !== null) this.#update({ refused: null });
  }

  /**
   * Not for the screens: the session does this by itself. Once the session has ended it wants the
   * room kept until its last follow-up, from the room state after every fold and at start
   * (room-session.ts), so a time set here holds only until the next fold says otherwise. Public
   * for the tests that drive the keeper directly (tests/integration/room-client/keep.test.ts).
   *
   * Asks the server to keep the room until `until` (epoch ms), within its maximum age; null asks
   * nothing. An earlier time, or 0, lowers it. The tab that sends asks, once per change and after
   * every join. The server learns the time, never why.
   */
  keepRoomUntil(until: number | null): void {
    this.#session?.keepRoomUntil(until);
  }

  /** Deletes the room for both partners. Needs the server: resolves false when it is out of reach. */
  async deleteRoom(): Promise<boolean> {
    return (await this.#session?.deleteRoom()) ?? false;
  }

  /**
   * Shares this person's reflection, sealed under this device's own key (reflection-crypto.ts):
   * the partner's phone keeps it but cannot read it until the key is revealed. Once per room:
   * resolves false, sending nothing, when it is shared (or on its way) already or cannot be sealed.
   */
  async shareReflection(answers: ReflectionAnswers): Promise<boolean> {
    const seat = this.#view.seat;
    if (this.#session === null || seat === null) return false;
    const own = await this.#ownReflectionKey();
    if (own === null) return false;
    const result = await sealReflection(own.key, { roomId: own.roomId, seat }, answers);
    // Checked after the awaits, just before queueing: a second tap meanwhile has queued by now.
    const shared =
      this.#view.room.reflections[seat] !== null ||
      this.#view.outbox.some(({ event }) => event.type === 'reflection_shared');
    if (!result.ok || shared) return false;
    return this.#enqueue({ type: 'reflection_shared', sealed: result.sealed });
  }

  /**
   * Reveals this person's reflection key, so the partner's phone can open their answers: once
   * both have shared, or at once ("Show mine now"). Resolves false, sending nothing, when there is
   * nothing to reveal or the key is revealed or on its way already, so callers that fire on every
   * render (the automatic reveal) send it once.
   */
  async revealReflection(): Promise<boolean> {
    const seat = this.#view.seat;
    if (this.#session === null || seat === null) return false;
    const derived = await this.#ownReflectionKey();
    if (derived === null) return false;
    const { room, outbox } = this.#view;
    const queued = (type: ContentEvent['type']) => outbox.some(({ event }) => event.type === type);
    const own = room.reflections[seat];
    if (own === null && !queued('reflection_shared')) return false;
    if (own?.key != null || queued('reflection_revealed')) return false;
    return this.#enqueue({ type: 'reflection_revealed', key: derived.key });
  }

  /** Opens this person's own reflection (in the log or still in the outbox) with this device's key. */
  async openOwnReflection(sealed: string): Promise<OpenReflectionResult> {
    const seat = this.#view.seat;
    if (seat === null) return { ok: false, reason: 'locked' };
    const own = await this.#ownReflectionKey();
    if (own === null) return { ok: false, reason: 'locked' };
    return openReflection(own.key, { roomId: own.roomId, seat }, sealed);
  }

  /** Opens the partner's reflection with the key they revealed; `locked` until they have. */
  async openPartnerReflection(sealed: string, key: string | null): Promise<OpenReflectionResult> {
    const seat = this.#view.seat;
    if (seat === null || key === null) return { ok: false, reason: 'locked' };
    const { roomId } = await deriveRoomKeys(this.#secret);
    return openReflection(key, { roomId, seat: otherSeat(seat) }, sealed);
  }

  // ---- Internals ----

  /** This device's reflection key and the room id; null once the room is closed (no record made). */
  #ownReflectionKey(): Promise<{ readonly roomId: string; readonly key: string } | null> {
    return deviceReflectionKey(
      this.#deps.storage,
      this.#secret,
      () => this.#view.status.kind !== 'closed',
    );
  }

  #enqueue(event: ContentEvent): boolean {
    return this.#session?.enqueue(event) ?? false;
  }

  #update(patch: Partial<RoomView>): void {
    this.#view = { ...this.#view, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
