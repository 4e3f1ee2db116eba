import type { ContentEvent, ItemAudience } from '../../../shared/content.ts';
import { ContentEvent as ContentEventSchema, isUrgent } from '../../../shared/content.ts';
import { randomBase64url } from '../../../shared/crypto/base64url.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import { deriveRoomKeys, openEvent, sealEvent } from '../../../shared/crypto/codec.ts';
import { ErrorCode } from '../../../shared/errors.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { RequestOf, StoredEnvelope } from '../../../shared/protocol.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import { initialRoomState } from '../../../shared/reducer.ts';
import type { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import type { ConnectionListener, JoinPayload, JoinRefusal } from './connection.ts';
import { RoomConnection } from './connection.ts';
import type { DeviceRecord } from './device-record.ts';
import { forgetDevice, loadOrCreateDevice, saveDevice } from './device-record.ts';
import { forgetRoom, rememberRoom } from './last-room.ts';
import type { LocalStore } from './local-store.ts';
import { forgetLegacyOutbox, migrateLegacyOutbox } from './legacy-outbox.ts';
import type { OutboxEntry } from './outbox.ts';
import { Outbox } from './outbox.ts';
import { OutboxSender } from './outbox-sender.ts';
import { ReplicaSync, receiptsToSend } from './replica-sync.ts';
import type { RoomSocket } from './room-socket.ts';
import type { ClosedReason, RoomView } from './room-view.ts';
import type { KeyValueStorage } from './storage.ts';

export type { RoomSocket } from './room-socket.ts';
export type { ClosedReason, RefusedSignal, RoomStatus, RoomView } from './room-view.ts';

export interface RoomClientDeps {
  /** Web Storage: the device record and the last room. */
  readonly storage: KeyValueStorage;
  /** The room's log and outbox (IndexedDB in a browser): see local-store.ts. */
  readonly local: LocalStore;
  readonly connect: () => RoomSocket;
}

const CLOSED_BY_REFUSAL = {
  [ErrorCode.roomFull]: 'room_full',
  [ErrorCode.roomNotFound]: 'room_gone',
  [ErrorCode.unauthorized]: 'unauthorized',
} as const satisfies Record<Exclude<JoinRefusal, 'protocol_mismatch'>, ClosedReason>;

/**
 * One phone's side of a room, and what a person can do in it. The parts: the connection holds
 * the seat (connection.ts), the replica sync keeps the log whole (replica-sync.ts), the sender
 * drains the outbox (outbox-sender.ts); this class wires them and keeps the view the screens show.
 */
export class RoomClient {
  readonly #secret: string;
  readonly #deps: RoomClientDeps;
  readonly #local: LocalStore;
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
    refusedSignal: null,
  };
  #keys: RoomKeys | null = null;
  #device: DeviceRecord | null = null;
  #outbox: Outbox | null = null;
  readonly #connection: RoomConnection;
  readonly #sync: ReplicaSync;
  readonly #sender: OutboxSender;
  /** This phone asked for the deletion: its own unsent events are not news to it. */
  #deletingHere = false;
  #generation = 0;

  constructor(roomSecret: string, deps: RoomClientDeps) {
    this.#secret = roomSecret;
    this.#deps = deps;
    this.#local = deps.local;
    this.#connection = new RoomConnection({
      connect: deps.connect,
      joinPayload: () => this.#joinPayload(),
      listener: this.#connectionListener(),
    });
    this.#sync = new ReplicaSync({
      open: (envelope) => this.#open(envelope),
      log: {
        load: () => this.#local.loadLog(this.#roomId()),
        append: (incarnation, envelopes, lastSeq) =>
          this.#local.appendLog(this.#roomId(), incarnation, envelopes, lastSeq),
        reset: (incarnation) => this.#local.resetLog(this.#roomId(), incarnation),
      },
      connection: this.#connection,
      folded: (added) => {
        this.#folded(added);
      },
      replaced: () => this.#outbox?.forgetAcks(),
      caughtUp: () => {
        this.#queueReceipts();
      },
      outdated: () => {
        this.#outdated();
      },
    });
    this.#sender = new OutboxSender({
      outbox: {
        nextUnacked: () => this.#outbox?.nextUnacked(),
        markAcked: (eventId, seq) => this.#outbox?.markAcked(eventId, seq),
        drop: (eventId) => this.#outbox?.drop(eventId),
      },
      canSend: () => this.#connection.joined && this.#view.seat !== null,
      seal: (entry) => this.#seal(entry),
      send: (envelope) => this.#connection.request('envelope:send', envelope),
      consumedSeq: () => this.#sync.consumedSeq,
      changed: () => {
        this.#update({ outbox: this.#outbox?.entries ?? [] });
      },
      refused: (entry) => {
        if (entry.event.type === 'signal') {
          this.#update({ refusedSignal: { eventId: entry.eventId, kind: entry.event.kind } });
        }
      },
      rejoin: () => {
        this.#connection.rejoin();
      },
      outdated: () => {
        this.#outdated();
      },
    });
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
    const outbox = (this.#outbox ??= new Outbox(this.#local, keys.roomId));
    // What the phone kept of the room comes first, so it shows (and Pause queues) with no server.
    await migrateLegacyOutbox(this.#deps.storage, this.#local, keys.roomId);
    await outbox.reload();
    await this.#sync.restore();
    if (generation !== this.#generation) return;
    const knownSeat = this.#device.seat;
    this.#update({
      outbox: outbox.entries,
      room: this.#sync.state,
      // A seat this phone already holds: show the room (and its Pause button) before connecting.
      ...(knownSeat !== null && this.#view.status.kind === 'opening'
        ? { status: { kind: 'open' } as const, seat: knownSeat }
        : {}),
    });
    if (this.#view.status.kind === 'open' || this.#view.status.kind === 'opening') {
      // The join asks from the last seq kept.
      this.#connection.start();
    }
  }

  stop(): void {
    this.#generation += 1;
    this.#connection.stop();
    if (this.#view.connected) this.#update({ connected: false });
  }

  /** Opening failed for a reason no retry can fix: say so rather than spin. */
  fail(): void {
    this.#close('failed');
  }

  /** Reconnect at once rather than waiting out the backoff (the page became visible, say). */
  reconnectNow(): void {
    this.#connection.reconnectNow();
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

  /** The person has read that their signal was not sent. */
  dismissRefusedSignal(): void {
    if (this.#view.refusedSignal !== null) this.#update({ refusedSignal: null });
  }

  /** Deletes the room for both partners. Needs the server: resolves false when it is out of reach. */
  async deleteRoom(): Promise<boolean> {
    if (!this.#connection.joined) return false;
    this.#deletingHere = true;
    const reply = await this.#connection.request('room:delete', {});
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

  #roomId(): string {
    if (this.#keys === null) throw new Error('the room is not open yet');
    return this.#keys.roomId;
  }

  #joinPayload(): JoinPayload {
    const device = this.#device;
    if (device === null) throw new Error('no device record before start()');
    return {
      roomId: this.#roomId(),
      memberId: device.memberId,
      memberSecret: device.memberSecret,
      create: device.createRoom,
      afterSeq: this.#sync.consumedSeq,
    };
  }

  #connectionListener(): ConnectionListener {
    return {
      joined: ({ seat, incarnation, presence, envelopes, complete }) => {
        const device = this.#device;
        if (device !== null && (device.createRoom || device.seat !== seat)) {
          this.#device = { ...device, createRoom: false, seat };
          saveDevice(this.#deps.storage, this.#roomId(), this.#device);
        }
        rememberRoom(this.#deps.storage, this.#secret);
        this.#update({ status: { kind: 'open' }, connected: true, seat, presence });
        // Queued signals go out at once; the replay is folded meanwhile.
        this.#sender.wake();
        void this.#sync.joined(incarnation, envelopes, complete);
      },
      refused: (refusal) => {
        if (refusal === ErrorCode.protocolMismatch) this.#outdated();
        else this.#close(CLOSED_BY_REFUSAL[refusal]);
      },
      lost: () => {
        this.#update({ connected: false });
      },
      reachability: (unreachable) => {
        if (this.#view.unreachable !== unreachable) this.#update({ unreachable });
      },
      envelope: (envelope) => {
        if (this.#view.status.kind !== 'closed') this.#sync.pushed(envelope);
      },
      presence: (presence) => {
        this.#update({ presence });
      },
      ended: (reason) => {
        this.#close(reason === 'deleted' ? 'deleted' : 'room_gone');
      },
    };
  }

  async #open(envelope: StoredEnvelope): Promise<LogEntry | null> {
    const keys = this.#keys;
    if (keys === null) return null;
    const context = { roomId: keys.roomId, eventId: envelope.eventId, seat: envelope.seat };
    const opened = await openEvent(keys, context, envelope.ciphertext);
    if (!opened.ok) return null;
    const { seq, eventId, seat, storedAt } = envelope;
    return { seq, eventId, seat, storedAt, event: opened.event };
  }

  async #seal(entry: OutboxEntry): Promise<RequestOf<'envelope:send'> | null> {
    const keys = this.#keys;
    const seat = this.#view.seat;
    if (keys === null || seat === null) return null;
    const context = { roomId: keys.roomId, eventId: entry.eventId, seat };
    const ciphertext = await sealEvent(keys, context, entry.event).catch(() => null);
    if (ciphertext === null) return null;
    return { eventId: entry.eventId, ciphertext, notify: isUrgent(entry.event) };
  }

  /** Lets go of outbox entries the log now holds, and shows the result. */
  #folded(added: readonly LogEntry[]): void {
    if (added.length > 0) this.#outbox?.settle(new Set(added.map((entry) => entry.eventId)));
    this.#update({ room: this.#sync.state, outbox: this.#outbox?.entries ?? [] });
  }

  /** Tells the partner which of their signals reached this phone (once, however often replayed). */
  #queueReceipts(): void {
    const seat = this.#view.seat;
    if (seat === null || this.#outbox === null) return;
    for (const signalId of receiptsToSend(this.#sync.state, seat, this.#outbox.entries)) {
      this.#enqueue({ type: 'signal_delivered', signalId });
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
    // Strictly after everything queued: the local store orders the outbox by this time, so two
    // events of one tap (an answer and its signal) keep their order across a reload.
    const latest = outbox.entries.at(-1)?.queuedAt ?? 0;
    outbox.add({
      eventId: randomBase64url(16),
      event: parsed.data,
      queuedAt: Math.max(Date.now(), latest + 1),
      ackedSeq: null,
    });
    this.#update({ outbox: outbox.entries });
    this.#sender.wake();
    return true;
  }

  /** This build is too old for the server: stop, keeping the seat and the outbox for the reload. */
  #outdated(): void {
    if (this.#view.status.kind === 'closed') return;
    this.#connection.stop();
    this.#update({ status: { kind: 'outdated' }, connected: false });
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
      forgetLegacyOutbox(this.#deps.storage, keys.roomId);
      this.#outbox?.clear();
      void this.#local.forget(keys.roomId);
    }
    this.#connection.stop();
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
