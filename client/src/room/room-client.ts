import type { ContentEvent, ItemAudience } from '../../../shared/content.ts';
import { ContentEvent as ContentEventSchema, isUrgent } from '../../../shared/content.ts';
import { randomBase64url } from '../../../shared/crypto/base64url.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import { deriveRoomKeys, openEvent, sealEvent } from '../../../shared/crypto/codec.ts';
import { ErrorCode } from '../../../shared/errors.ts';
import type { Seat } from '../../../shared/ids.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { Presence, RequestName, RequestOf, StoredEnvelope } from '../../../shared/protocol.ts';
import { PROTOCOL_VERSION, PUSHES } from '../../../shared/protocol.ts';
import type { LogEntry, RoomState } from '../../../shared/reducer.ts';
import { deliveryReceiptsOwedBy, initialRoomState } from '../../../shared/reducer.ts';
import type { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import type { DeviceRecord } from './device-record.ts';
import { forgetDevice, loadOrCreateDevice, saveDevice } from './device-record.ts';
import { forgetRoom, rememberRoom } from './last-room.ts';
import { LogReplica } from './log-replica.ts';
import type { OutboxEntry } from './outbox.ts';
import { Outbox } from './outbox.ts';
import type { KeyValueStorage } from './storage.ts';
import { Backoff } from './backoff.ts';
import { watchConnection } from './connection-watchdog.ts';
import type { Reply, RoomSocket } from './room-socket.ts';
import { request } from './room-socket.ts';

export type { RoomSocket } from './room-socket.ts';

export type ClosedReason = 'room_full' | 'room_gone' | 'deleted' | 'unauthorized' | 'failed';

export type RoomStatus =
  | { readonly kind: 'opening' }
  | { readonly kind: 'open' }
  | { readonly kind: 'closed'; readonly reason: ClosedReason };

/** Everything the screens render, replaced (never mutated) on every change. */
export interface RoomView {
  readonly status: RoomStatus;
  /** This phone holds its seat over a live connection right now. */
  readonly connected: boolean;
  readonly seat: Seat | null;
  readonly presence: Presence | null;
  readonly room: RoomState;
  /** Said here, not yet in the log: shown as "sending" or "sent". */
  readonly outbox: readonly OutboxEntry[];
  /** The server could not be reached on the last attempt (it keeps trying). */
  readonly unreachable: boolean;
  /** The room ended while a signal of this person's was still unsent: they must be told. */
  readonly unsentSignalLost: boolean;
}

export interface RoomClientDeps {
  readonly storage: KeyValueStorage;
  readonly connect: () => RoomSocket;
}

/** Join and sync failures that no retry can change. Everything else is retried. */
const FINAL_JOIN_ERRORS = {
  [ErrorCode.roomFull]: 'room_full',
  [ErrorCode.roomNotFound]: 'room_gone',
  [ErrorCode.unauthorized]: 'unauthorized',
} as const satisfies Partial<Record<ErrorCode, ClosedReason>>;

const isFinalJoinError = (code: ErrorCode): code is keyof typeof FINAL_JOIN_ERRORS =>
  Object.prototype.hasOwnProperty.call(FINAL_JOIN_ERRORS, code);

/**
 * One phone's side of a room: it holds the seat, keeps the local replica of the log, and sends
 * everything this person says through a persisted outbox that retries until the log has it.
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
  };
  #keys: RoomKeys | null = null;
  #device: DeviceRecord | null = null;
  #outbox: Outbox | null = null;
  #socket: RoomSocket | null = null;
  readonly #replica = new LogReplica((envelope) => this.#openEnvelope(envelope));
  #pumping = false;
  #syncing = false;
  readonly #sendBackoff = new Backoff();
  readonly #joinBackoff = new Backoff();
  #stopWatchdog: (() => void) | null = null;
  /** This phone asked for the deletion: its own unsent events are not news to it. */
  #deletingHere = false;
  #generation = 0;

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
    const keys = this.#keys ?? (await deriveRoomKeys(this.#secret));
    if (generation !== this.#generation) return;
    this.#keys = keys;
    this.#device ??= loadOrCreateDevice(this.#deps.storage, keys.roomId);
    this.#outbox ??= new Outbox(this.#deps.storage, keys.roomId);
    const knownSeat = this.#device.seat;
    this.#update({
      outbox: this.#outbox.entries,
      // A seat this phone already holds: show the room (and its Pause button) before connecting.
      ...(knownSeat !== null && this.#view.status.kind === 'opening'
        ? { status: { kind: 'open' } as const, seat: knownSeat }
        : {}),
    });

    const socket = this.#deps.connect();
    this.#socket = socket;
    socket.on('connect', () => {
      this.#update({ unreachable: false });
      void this.#join();
    });
    socket.on('connect_error', () => {
      this.#update({ unreachable: true });
    });
    socket.on('disconnect', () => {
      this.#update({ connected: false });
    });
    this.#stopWatchdog?.();
    this.#stopWatchdog = watchConnection(
      socket,
      () => this.#view.status.kind !== 'closed',
      () => {
        this.#update({ unreachable: true });
      },
    );
    socket.on('envelope', (raw) => {
      const parsed = PUSHES.envelope.safeParse(raw);
      // Kept even before the join is acknowledged: the replica orders it against the replay.
      if (parsed.success && this.#view.status.kind !== 'closed') {
        void this.#ingest([parsed.data], true);
      }
    });
    socket.on('presence', (raw) => {
      const parsed = PUSHES.presence.safeParse(raw);
      if (parsed.success) this.#update({ presence: parsed.data });
    });
    socket.on('room:deleted', (raw) => {
      const parsed = PUSHES['room:deleted'].safeParse(raw);
      this.#close(parsed.success && parsed.data.reason !== 'deleted' ? 'room_gone' : 'deleted');
    });
    if (socket.connected) void this.#join();
  }

  stop(): void {
    this.#generation += 1;
    this.#stopWatchdog?.();
    this.#stopWatchdog = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
    if (this.#view.connected) this.#update({ connected: false });
  }

  /** Opening failed for a reason no retry can fix: say so rather than spin. */
  fail(): void {
    this.#close('failed');
  }

  /** Reconnect at once rather than waiting out the backoff (the page became visible, say). */
  reconnectNow(): void {
    const socket = this.#socket;
    if (socket !== null && !socket.connected && this.#view.status.kind !== 'closed') {
      // connect() alone waits for socket.io's pending backoff; starting over skips it.
      socket.disconnect().connect();
    }
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
    const cleaned = label.replace(/\p{Cc}+/gu, ' ').trim();
    return this.#enqueue({
      type: 'checklist_item_added',
      itemId: randomBase64url(12),
      label: cleaned,
      audience,
    });
  }

  setItemChecked(itemId: string, checked: boolean): void {
    this.#enqueue({ type: 'checklist_item_checked', itemId, checked });
  }

  /** Deletes the room for both partners. Needs the server: resolves false when it is out of reach. */
  async deleteRoom(): Promise<boolean> {
    if (this.#socket === null || !this.#view.connected) return false;
    this.#deletingHere = true;
    const reply = await this.#request('room:delete', {});
    if (reply.ok) {
      this.#close('deleted');
      return true;
    }
    // The server tells every phone in the room, this one included, before it acknowledges; if
    // that notice closed the room here first, the acknowledgement was cut off but the room is gone.
    const status = this.#view.status;
    const deleted = status.kind === 'closed' && status.reason === 'deleted';
    if (!deleted) this.#deletingHere = false;
    return deleted;
  }

  // ---- Internals ----

  #update(patch: Partial<RoomView>): void {
    this.#view = { ...this.#view, ...patch };
    for (const listener of this.#listeners) listener();
  }

  #showOutbox(): void {
    this.#update({ outbox: this.#outbox?.entries ?? [] });
  }

  #request<N extends RequestName>(name: N, payload: RequestOf<N>): Promise<Reply<N>> {
    return request(this.#socket, name, payload);
  }

  async #join(): Promise<void> {
    const keys = this.#keys;
    const device = this.#device;
    if (keys === null || device === null || this.#view.status.kind === 'closed') return;
    const reply = await this.#request('room:join', {
      protocol: PROTOCOL_VERSION,
      roomId: keys.roomId,
      memberId: device.memberId,
      memberSecret: device.memberSecret,
      create: device.createRoom,
      afterSeq: this.#replica.consumedSeq,
    });
    if (!reply.ok) {
      if (!('timeout' in reply) && isFinalJoinError(reply.error.code)) {
        this.#close(FINAL_JOIN_ERRORS[reply.error.code]);
        return;
      }
      // No answer, or a failure the server may get over: start again on a fresh connection.
      this.#retryJoinLater();
      return;
    }
    this.#joinBackoff.reset();
    if (device.createRoom || device.seat !== reply.seat) {
      this.#device = { ...device, createRoom: false, seat: reply.seat };
      saveDevice(this.#deps.storage, keys.roomId, this.#device);
    }
    rememberRoom(this.#deps.storage, this.#secret);
    this.#update({
      status: { kind: 'open' },
      connected: true,
      seat: reply.seat,
      presence: reply.presence,
    });
    // Queued signals go out at once; the replay is folded meanwhile.
    this.#sendBackoff.wake();
    void this.#pump();
    await this.#ingest(reply.envelopes, reply.complete);
  }

  #retryJoinLater(): void {
    const socket = this.#socket;
    if (socket === null) return;
    socket.disconnect();
    const wait = this.#joinBackoff.next();
    setTimeout(() => {
      if (this.#socket === socket && this.#view.status.kind !== 'closed') socket.connect();
    }, wait);
  }

  async #openEnvelope(envelope: StoredEnvelope): Promise<LogEntry | null> {
    const keys = this.#keys;
    if (keys === null) return null;
    const context = { roomId: keys.roomId, eventId: envelope.eventId, seat: envelope.seat };
    const opened = await openEvent(keys, context, envelope.ciphertext);
    if (!opened.ok) return null;
    const { seq, eventId, seat, storedAt } = envelope;
    return { seq, eventId, seat, storedAt, event: opened.event };
  }

  async #ingest(envelopes: readonly StoredEnvelope[], complete: boolean): Promise<void> {
    const gap = await this.#fold(envelopes);
    if (gap || !complete) {
      await this.#catchUp();
      return;
    }
    this.#sendDeliveryReceipts();
  }

  /**
   * Folds envelopes into the replica, lets go of outbox entries the log now holds, and shows the
   * result. Returns whether a gap remains before envelopes still waiting.
   */
  async #fold(envelopes: readonly StoredEnvelope[]): Promise<boolean> {
    const { added, gap } = await this.#replica.receive(envelopes);
    if (added.length > 0) this.#outbox?.settle(new Set(added.map((entry) => entry.eventId)));
    this.#update({ room: this.#replica.state, outbox: this.#outbox?.entries ?? [] });
    return gap;
  }

  /**
   * Pages through the log from what this phone holds until it has everything. A failed page is
   * retried with backoff while connected; a server that answers without progress ends the loop.
   */
  async #catchUp(): Promise<void> {
    if (this.#syncing) return;
    this.#syncing = true;
    const backoff = new Backoff();
    try {
      for (;;) {
        if (!this.#view.connected) return;
        const before = this.#replica.consumedSeq;
        const reply = await this.#request('room:sync', { afterSeq: before });
        if (!reply.ok) {
          if (!('timeout' in reply) && reply.error.code === ErrorCode.roomNotFound) {
            this.#close('room_gone');
            return;
          }
          await backoff.wait();
          continue;
        }
        backoff.reset();
        const gap = await this.#fold(reply.envelopes);
        if (reply.complete && !gap) break;
        if (this.#replica.consumedSeq === before) return;
      }
    } finally {
      this.#syncing = false;
    }
    this.#sendDeliveryReceipts();
  }

  /** Tells the partner which of their signals reached this phone (once, however often replayed). */
  #sendDeliveryReceipts(): void {
    const seat = this.#view.seat;
    const outbox = this.#outbox;
    if (seat === null || outbox === null) return;
    const queued = new Set(
      outbox.entries.flatMap((entry) =>
        entry.event.type === 'signal_delivered' ? [entry.event.signalId] : [],
      ),
    );
    for (const signal of deliveryReceiptsOwedBy(this.#replica.state, seat)) {
      if (!queued.has(signal.id)) this.#enqueue({ type: 'signal_delivered', signalId: signal.id });
    }
  }

  /**
   * Queues an event after checking it against the contract: an event that can never be sealed
   * must never sit at the head of the outbox, where it would hold back a Pause behind it.
   */
  #enqueue(event: ContentEvent): boolean {
    const outbox = this.#outbox;
    const parsed = ContentEventSchema.safeParse(event);
    if (outbox === null || this.#view.status.kind === 'closed' || !parsed.success) return false;
    outbox.add({
      eventId: randomBase64url(16),
      event: parsed.data,
      queuedAt: Date.now(),
      ackedSeq: null,
    });
    this.#showOutbox();
    void this.#pump();
    return true;
  }

  /**
   * Sends the outbox one event at a time, in order, until it is empty or the connection drops.
   * Unanswered sends are retried with backoff; the server's deduplication makes retries safe.
   */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        const keys = this.#keys;
        const outbox = this.#outbox;
        const seat = this.#view.seat;
        const next = outbox?.nextUnacked();
        if (!this.#view.connected || keys === null || outbox === null || seat === null) return;
        if (next === undefined) return;
        const context = { roomId: keys.roomId, eventId: next.eventId, seat };
        const ciphertext = await sealEvent(keys, context, next.event).catch(() => null);
        if (ciphertext === null) {
          // Cannot happen for events checked on the way in; if it does, skip rather than block.
          outbox.drop(next.eventId);
          this.#showOutbox();
          continue;
        }
        const reply = await this.#request('envelope:send', {
          eventId: next.eventId,
          ciphertext,
          notify: isUrgent(next.event),
        });
        if (reply.ok) {
          this.#sendBackoff.reset();
          // The log may already hold it (the push can beat the acknowledgement).
          if (reply.seq > this.#replica.consumedSeq) outbox.markAcked(next.eventId, reply.seq);
          else outbox.drop(next.eventId);
          this.#showOutbox();
          continue;
        }
        if (!('timeout' in reply)) {
          switch (reply.error.code) {
            case ErrorCode.roomNotFound:
              this.#close('room_gone');
              return;
            case ErrorCode.notJoined:
              return;
            case ErrorCode.invalidPayload:
            case ErrorCode.eventIdConflict:
              // This event can never be stored; keeping it would block everything behind it.
              outbox.drop(next.eventId);
              this.#showOutbox();
              continue;
            default:
              break;
          }
        }
        await this.#sendBackoff.wait();
      }
    } finally {
      this.#pumping = false;
    }
  }

  /**
   * The room is over for this phone, and nothing of it stays in this browser, unless opening it
   * failed here (`failed`): then the seat and the outbox are kept for a later attempt.
   */
  #close(reason: ClosedReason): void {
    if (this.#view.status.kind === 'closed') return;
    const keys = this.#keys;
    const unsentSignalLost =
      this.#outbox?.entries.some((entry) => entry.event.type === 'signal') ?? false;
    if (keys !== null && reason !== 'failed') {
      forgetDevice(this.#deps.storage, keys.roomId);
      forgetRoom(this.#deps.storage, this.#secret);
      this.#outbox?.clear();
    }
    this.#stopWatchdog?.();
    this.#stopWatchdog = null;
    this.#socket?.disconnect();
    this.#update({
      status: { kind: 'closed', reason },
      connected: false,
      room: initialRoomState,
      outbox: [],
      // A partner's deletion, unlike this person's own, can overtake a signal they just sent.
      unsentSignalLost:
        reason !== 'failed' && !(reason === 'deleted' && this.#deletingHere) && unsentSignalLost,
    });
  }
}
