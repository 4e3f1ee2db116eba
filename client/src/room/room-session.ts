import type { ContentEvent } from '../../../shared/content.ts';
import { ContentEvent as ContentEventSchema } from '../../../shared/content.ts';
import { randomBase64url } from '../../../shared/crypto/base64url.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import { ErrorCode } from '../../../shared/errors.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import { initialRoomState } from '../../../shared/reducer.ts';
import type { ConnectionListener, JoinRefusal } from './connection.ts';
import { RoomConnection } from './connection.ts';
import { KeptRoom } from './kept-room.ts';
import type { LocalStore } from './local-store.ts';
import { OutboxSender } from './outbox-sender.ts';
import { refusalNotice } from './refusal-notice.ts';
import { ReplicaSync, receiptsToSend } from './replica-sync.ts';
import { RoomKeeper } from './room-keeper.ts';
import { roomKeptUntil, wakeTimes } from '../../../shared/follow-up.ts';
import { PushLink } from './push-link.ts';
import { openEnvelope, sealEntry } from './room-crypto.ts';
import type { RoomSocket } from './room-socket.ts';
import { SeatRecord } from './seat-record.ts';
import type { ClosedReason, RoomView, ServerPush } from './room-view.ts';
import type { KeyValueStorage } from './storage.ts';
import type { TabCoordination, TabNews } from './tabs.ts';
import { LONE_TAB } from './tabs.ts';

export interface RoomSessionDeps {
  /** Web Storage: the device record and the last room. */
  readonly storage: KeyValueStorage;
  /** The room's log and outbox (IndexedDB in a browser): see local-store.ts. */
  readonly local: LocalStore;
  /** The other tabs of this browser (tabs.ts); a tab on its own if not given. */
  readonly tabs?: TabCoordination;
  readonly connect: () => RoomSocket;
}

/** Where the session shows what it knows. */
export interface ViewSink {
  readonly view: () => RoomView;
  readonly update: (patch: Partial<RoomView>) => void;
}

const CLOSED_BY_REFUSAL = {
  [ErrorCode.roomFull]: 'room_full',
  [ErrorCode.roomNotFound]: 'room_gone',
  [ErrorCode.unauthorized]: 'unauthorized',
} as const satisfies Record<Exclude<JoinRefusal, 'protocol_mismatch'>, ClosedReason>;

/**
 * One phone's side of one room, wired together: the connection holds the seat (connection.ts),
 * the replica sync keeps the log whole (replica-sync.ts), the sender drains the outbox
 * (outbox-sender.ts), and the kept room is what this browser's tabs share (kept-room.ts).
 */
export class RoomSession {
  readonly #sink: ViewSink;
  readonly #seatRecord: SeatRecord;
  readonly #kept: KeptRoom;
  readonly #connection: RoomConnection;
  readonly #sync: ReplicaSync;
  readonly #sender: OutboxSender;
  readonly #keeper: RoomKeeper;
  /** The subscription, wakes and visibility the server is told (push-link.ts). */
  readonly push: PushLink;
  /** This phone asked for the deletion: its own unsent events are not news to it. */
  #deletingHere = false;
  #generation = 0;

  constructor(secret: string, keys: RoomKeys, deps: RoomSessionDeps, sink: ViewSink) {
    this.#sink = sink;
    this.#seatRecord = new SeatRecord(deps.storage, keys.roomId, secret);
    const tabs = deps.tabs ?? LONE_TAB;
    this.#kept = new KeptRoom({ ...deps, tabs }, keys.roomId, {
      becameSender: () => void this.#becameSender(),
      heard: (news) => void this.#heard(news),
    });
    const outbox = this.#kept.outbox;
    const rejoin = () => {
      this.#connection.rejoin();
    };
    const outdated = () => {
      this.#outdated();
    };
    this.#connection = new RoomConnection({
      connect: deps.connect,
      joinPayload: () => this.#seatRecord.joinPayload(this.#sync.consumedSeq),
      listener: this.#connectionListener(),
    });
    this.#sync = new ReplicaSync({
      open: (envelope) => openEnvelope(keys, envelope),
      log: this.#kept.log,
      connection: this.#connection,
      folded: (added) => {
        this.#folded(added);
      },
      replaced: () => {
        outbox.forgetAcks();
        // Entries it had acknowledged go again (the server's deduplication keeps them single).
        this.#sender.wake();
      },
      caughtUp: () => {
        this.#queueReceipts();
      },
      outdated,
    });
    // Only the tab that holds the seat and sends the outbox talks for this browser (R10).
    const canSend = () => this.#connection.joined && this.#kept.sending;
    this.#sender = new OutboxSender({
      outbox,
      canSend,
      seal: (entry) => {
        const seat = this.#sink.view().seat;
        return seat === null ? Promise.resolve(null) : sealEntry(keys, seat, entry);
      },
      send: (envelope) => this.#connection.request('envelope:send', envelope),
      consumedSeq: () => this.#sync.consumedSeq,
      changed: () => {
        this.#showOutbox();
      },
      refused: (entry) => {
        const refused = refusalNotice(entry);
        if (refused === null) return;
        sink.update({ refused });
        // The person may have tapped in another tab of this browser: it says so too (R4, R10).
        this.#kept.announce({ type: 'refused', refused });
      },
      rejoin,
      outdated,
    });
    this.#keeper = new RoomKeeper({
      canSend,
      send: (until) => this.#connection.request('room:keep', { until }),
      rejoin,
      outdated,
    });
    this.push = new PushLink({
      joined: () => this.#connection.joined,
      send: (name, payload) => this.#connection.request(name, payload),
      rejoin,
      outdated,
    });
  }

  /**
   * Shows what the phone kept of the room (so it shows, Pause and all, with no server), then
   * connects. Safe to call again after stop(); a stop() meanwhile makes it give up.
   */
  async start(): Promise<void> {
    const generation = ++this.#generation;
    await this.#kept.loadOutbox();
    await this.#sync.restore();
    if (generation !== this.#generation) return;
    const { status } = this.#sink.view();
    const knownSeat = this.#seatRecord.seat;
    this.#sink.update({
      outbox: this.#kept.outbox.entries,
      room: this.#sync.state,
      // A seat this phone already holds: show the room (and its Pause button) before connecting.
      ...(knownSeat !== null && status.kind === 'opening'
        ? { status: { kind: 'open' } as const, seat: knownSeat }
        : {}),
    });
    this.#keepAsTheRoomSays();
    if (status.kind === 'open' || status.kind === 'opening') {
      this.#kept.joinTabs();
      // The join asks from the last seq kept.
      this.#connection.start();
    }
  }

  stop(): void {
    this.#generation += 1;
    this.#kept.leaveTabs();
    this.#connection.stop();
    if (this.#sink.view().connected) this.#sink.update({ connected: false });
  }

  reconnectNow(): void {
    this.#connection.reconnectNow();
  }

  /**
   * Queues an event after checking it against the contract: an event that can never be sealed
   * must never sit at the head of the outbox, where it would hold back a Pause behind it.
   */
  enqueue(event: ContentEvent): boolean {
    const parsed = ContentEventSchema.safeParse(event);
    if (this.#sink.view().status.kind === 'closed' || !parsed.success) return false;
    const outbox = this.#kept.outbox;
    // Strictly after everything queued: the local store orders the outbox by this time, so two
    // events of one tap (an answer and its signal) keep their order across a reload.
    const latest = outbox.entries.at(-1)?.queuedAt ?? 0;
    outbox.add({
      eventId: randomBase64url(16),
      event: parsed.data,
      queuedAt: Math.max(Date.now(), latest + 1),
      ackedSeq: null,
    });
    this.#showOutbox();
    this.#sender.wake();
    return true;
  }

  /** The time the server should keep the room until (room-keeper.ts); null: nothing to ask. */
  keepRoomUntil(until: number | null): void {
    this.#keeper.want(until);
  }

  /** Deletes the room for both partners. Needs the server: resolves false when it is out of reach. */
  async deleteRoom(): Promise<boolean> {
    if (!this.#connection.joined) return false;
    this.#deletingHere = true;
    const reply = await this.#connection.request('room:delete', {});
    if (reply.ok) {
      this.close('deleted');
      return true;
    }
    // The server tells every phone in the room, this one included, before it acknowledges; if
    // that notice closed the room here first, the acknowledgement was cut off but the room is gone.
    const status = this.#sink.view().status;
    const deleted = status.kind === 'closed' && status.reason === 'deleted';
    if (!deleted) this.#deletingHere = false;
    return deleted;
  }

  /**
   * The room is over for this phone, and nothing of it stays in this browser, unless opening it
   * failed here (`failed`): then the seat and the outbox are kept for a later attempt.
   */
  close(reason: ClosedReason): void {
    if (this.#sink.view().status.kind === 'closed') return;
    const unsentSignalLost = this.#kept.outbox.entries.some(
      (entry) => entry.event.type === 'signal',
    );
    if (reason === 'failed') {
      this.#kept.leaveTabs();
    } else {
      this.#seatRecord.forget();
      this.#kept.forget();
    }
    this.#connection.stop();
    this.#sink.update({
      status: { kind: 'closed', reason },
      connected: false,
      room: initialRoomState,
      outbox: [],
      // A partner's deletion, unlike this person's own, can overtake a signal they just sent.
      unsentSignalLost:
        reason !== 'failed' && !(reason === 'deleted' && this.#deletingHere) && unsentSignalLost,
    });
  }

  #connectionListener(): ConnectionListener {
    const update = (patch: Partial<RoomView>) => {
      this.#sink.update(patch);
    };
    return {
      joined: (join) => {
        const { seat, presence } = join;
        this.#seatRecord.confirm(seat, join.incarnation);
        const serverPush: ServerPush =
          join.pushKey === null ? { kind: 'none' } : { kind: 'vapid', key: join.pushKey };
        update({ status: { kind: 'open' }, connected: true, seat, presence, serverPush });
        // Only a tab that holds the seat sends (R10): it asks to now, and sends once it may.
        this.#kept.claimSending();
        // Queued signals go out at once; the replay is folded meanwhile.
        this.#sender.wake();
        this.#keeper.joined();
        this.push.joined();
        void this.#sync.joined(join);
      },
      refused: (refusal) => {
        if (refusal === ErrorCode.protocolMismatch) this.#outdated();
        else this.close(CLOSED_BY_REFUSAL[refusal]);
      },
      lost: () => {
        // Another tab of this browser may still be connected: it sends until this one is back.
        this.#kept.releaseSending();
        update({ connected: false });
      },
      reachability: (unreachable) => {
        if (this.#sink.view().unreachable !== unreachable) update({ unreachable });
      },
      envelope: (envelope) => {
        if (this.#sink.view().status.kind !== 'closed') this.#sync.pushed(envelope);
      },
      presence: (presence) => {
        update({ presence });
      },
      ended: (reason) => {
        this.close(reason === 'deleted' ? 'deleted' : 'room_gone');
      },
    };
  }

  #showOutbox(): void {
    this.#sink.update({ outbox: this.#kept.outbox.entries });
  }

  /**
   * Once the session has ended, the room is kept until its last follow-up (room-keeper.ts), and
   * the follow-ups to come are the moments to be woken at.
   */
  #keepAsTheRoomSays(): void {
    const until = roomKeptUntil(this.#sync.state);
    if (until !== null) this.#keeper.want(until);
    // The follow-ups still to come: a wake push brings each to a phone whose page is closed.
    this.push.wakeAt(wakeTimes(this.#sync.state, Date.now()));
  }

  /** Lets go of outbox entries the log now holds, and shows the result. */
  #folded(added: readonly LogEntry[]): void {
    // A fold that finished after the room ended: it shows nothing, and keeps nothing (R6).
    if (this.#sink.view().status.kind === 'closed') return;
    if (added.length > 0) this.#kept.outbox.settle(new Set(added.map((entry) => entry.eventId)));
    this.#sink.update({ room: this.#sync.state, outbox: this.#kept.outbox.entries });
    this.#keepAsTheRoomSays();
  }

  /**
   * Tells the partner which of their signals reached this phone (once, however often replayed).
   * Only the sending tab does, so two tabs never queue the same receipt.
   */
  #queueReceipts(): void {
    const seat = this.#sink.view().seat;
    if (seat === null || !this.#kept.sending) return;
    for (const signalId of receiptsToSend(this.#sync.state, seat, this.#kept.outbox.entries)) {
      this.enqueue({ type: 'signal_delivered', signalId });
    }
  }

  /**
   * This tab sends now: it takes the outbox as kept, journal first (another tab may have queued,
   * even a tab that closed before its IndexedDB write), and sends.
   */
  async #becameSender(): Promise<void> {
    await this.#kept.loadOutbox();
    this.#showOutbox();
    this.#sender.wake();
    this.#keeper.wake();
    if (this.#connection.joined) this.#queueReceipts();
  }

  /** Another tab changed what is kept of the room: take it in. */
  async #heard(news: TabNews): Promise<void> {
    switch (news.type) {
      case 'outbox':
        // The journal too: the other tab's taps are there before IndexedDB has them.
        await this.#kept.loadOutbox();
        this.#showOutbox();
        this.#sender.wake();
        return;
      case 'log':
        // Folds what the other tab kept beyond this one's copy (known seqs are skipped).
        await this.#sync.restore();
        return;
      case 'refused':
        // Said here too (each tab's dismissal is its own): the tap may have been in this tab.
        this.#sink.update({ refused: news.refused });
        return;
    }
  }

  /** This build is too old for the server: stop, keeping the seat and the outbox for the reload. */
  #outdated(): void {
    if (this.#sink.view().status.kind === 'closed') return;
    this.#kept.leaveTabs();
    this.#connection.stop();
    this.#sink.update({ status: { kind: 'outdated' }, connected: false });
  }
}
