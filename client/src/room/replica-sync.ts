import type { Seat } from '../../../shared/ids.ts';
import type { RequestOf, StoredEnvelope } from '../../../shared/protocol.ts';
import type { LogEntry, RoomState } from '../../../shared/reducer.ts';
import { deliveryReceiptsOwedBy } from '../../../shared/reducer.ts';
import { Backoff } from './backoff.ts';
import type { Joined } from './connection.ts';
import { LogReplica } from './log-replica.ts';
import type { OutboxEntry } from './outbox.ts';
import { failureAction } from './request-failure.ts';
import type { Reply } from './room-socket.ts';

/** The phone's stored copy of one room's log (see local-store.ts). */
export interface LocalLog {
  load(): Promise<{ incarnation: string; envelopes: readonly StoredEnvelope[] } | null>;
  /** Keeps envelopes just consumed, in order, as the log of `incarnation`. */
  append(
    incarnation: string,
    envelopes: readonly StoredEnvelope[],
    lastSeq: number,
  ): Promise<unknown>;
  /** Drops what is kept and starts the log of `incarnation` afresh. */
  reset(incarnation: string): Promise<unknown>;
}

/** What the sync needs of a join's answer. */
export type SyncJoin = Pick<
  Joined,
  'incarnation' | 'afterSeq' | 'lastSeq' | 'envelopes' | 'complete'
>;

/** The connection as the sync uses it. */
export interface SyncConnection {
  readonly joined: boolean;
  request(name: 'room:sync', payload: RequestOf<'room:sync'>): Promise<Reply<'room:sync'>>;
  rejoin(): void;
}

export interface ReplicaSyncDeps {
  /** Opens (decrypts and checks) one envelope; null if it does not open. */
  readonly open: (envelope: StoredEnvelope) => Promise<LogEntry | null>;
  readonly log: LocalLog;
  readonly connection: SyncConnection;
  /** Entries were folded in (possibly none, when only unreadable envelopes were consumed). */
  readonly folded: (added: readonly LogEntry[]) => void;
  /**
   * The kept log was of another incarnation of the room, or ran past the server's, and has been
   * dropped: acknowledgements naming its seqs mean nothing now.
   */
  readonly replaced: () => void;
  /** The phone holds the whole log the server has: receipts owed can go out. */
  readonly caughtUp: () => void;
  readonly outdated: () => void;
}

/**
 * Keeps the phone's replica of the room's log whole: it restores the copy kept on the phone,
 * folds the join's replay and live pushes in order, pages through `room:sync` to close any gap,
 * keeps every consumed envelope (still sealed) on the phone, and starts afresh when the room's
 * incarnation is not the one the kept copy belongs to.
 */
export class ReplicaSync {
  readonly #deps: ReplicaSyncDeps;
  #replica: LogReplica;
  /** The incarnation the replica belongs to; null until the kept copy or a join says. */
  #incarnation: string | null = null;
  /** Pushes that came before any incarnation was known: folded once the join says which. */
  #early: StoredEnvelope[] = [];
  /** Bumped when the replica is replaced, so work on the old one is not applied to the new. */
  #generation = 0;
  #syncing = false;

  constructor(deps: ReplicaSyncDeps) {
    this.#deps = deps;
    this.#replica = this.#newReplica();
  }

  get state(): RoomState {
    return this.#replica.state;
  }

  get consumedSeq(): number {
    return this.#replica.consumedSeq;
  }

  /** Folds the copy kept on this phone (before connecting, or after another tab kept more). */
  async restore(): Promise<void> {
    const kept = await this.#deps.log.load();
    if (kept === null) return;
    if (this.#incarnation !== null && kept.incarnation !== this.#incarnation) return;
    this.#incarnation = kept.incarnation;
    await this.#fold(kept.envelopes, false);
  }

  /**
   * The join's answer. A kept log of another incarnation is dropped and replayed from seq 0; so is
   * one that runs past the server's (a store restored from a backup): its seqs beyond the server's
   * last name events the server no longer holds, and the server will give those seqs to others.
   */
  async joined(join: SyncJoin): Promise<void> {
    const { incarnation, afterSeq, lastSeq, envelopes, complete } = join;
    const early = this.#early;
    this.#early = [];
    if (incarnation !== this.#incarnation || afterSeq > lastSeq) {
      // The join replayed after the old log's last seq, which means nothing in this one.
      const replayFromStart = this.#replica.consumedSeq > 0;
      this.#generation += 1;
      this.#replica = this.#newReplica();
      this.#incarnation = incarnation;
      // Before anything is sent again: acknowledgements name seqs of the dropped log.
      if (replayFromStart) this.#deps.replaced();
      await this.#deps.log.reset(incarnation);
      if (replayFromStart) {
        await this.#catchUp();
        return;
      }
    }
    await this.ingest([...envelopes, ...early], complete);
  }

  /** A live push. Before any incarnation is known it waits for the join's answer. */
  pushed(envelope: StoredEnvelope): void {
    if (this.#incarnation === null) this.#early.push(envelope);
    else void this.ingest([envelope], true);
  }

  async ingest(envelopes: readonly StoredEnvelope[], complete: boolean): Promise<void> {
    const gap = await this.#fold(envelopes, true);
    if (gap !== false || !complete) await this.#catchUp();
    else this.#deps.caughtUp();
  }

  /** Folds envelopes; returns whether a gap remains, or null if the replica was replaced. */
  async #fold(envelopes: readonly StoredEnvelope[], keep: boolean): Promise<boolean | null> {
    const generation = this.#generation;
    const { added, consumed, gap } = await this.#replica.receive(envelopes);
    if (generation !== this.#generation) return null;
    const incarnation = this.#incarnation;
    if (keep && consumed.length > 0 && incarnation !== null) {
      void this.#deps.log.append(incarnation, consumed, this.#replica.consumedSeq);
    }
    this.#deps.folded(added);
    return gap;
  }

  /**
   * Pages through the log from what this phone holds until it has everything. A failed page is
   * retried with backoff while the seat is held; a server that answers without progress ends it.
   */
  async #catchUp(): Promise<void> {
    if (this.#syncing) return;
    this.#syncing = true;
    const backoff = new Backoff();
    const { connection } = this.#deps;
    try {
      for (;;) {
        if (!connection.joined) return;
        const before = this.#replica.consumedSeq;
        const reply = await connection.request('room:sync', { afterSeq: before });
        if (!reply.ok) {
          if ('timeout' in reply) {
            await backoff.wait();
            continue;
          }
          switch (failureAction(reply.error.code)) {
            case 'retry':
              await backoff.wait();
              continue;
            case 'rejoin':
              // The next join replays from the last seq held.
              connection.rejoin();
              return;
            case 'outdated':
              this.#deps.outdated();
              return;
            case 'final':
              // Not an answer a well-formed sync gets; the next push or join tries again.
              return;
          }
        }
        backoff.reset();
        const gap = await this.#fold(reply.envelopes, true);
        if (gap === null) continue;
        if (reply.complete && !gap) break;
        if (this.#replica.consumedSeq === before) return;
      }
    } finally {
      this.#syncing = false;
    }
    this.#deps.caughtUp();
  }

  #newReplica(): LogReplica {
    return new LogReplica((envelope) => this.#deps.open(envelope));
  }
}

/**
 * Partner signals this seat must confirm as delivered, minus receipts already queued: each goes
 * out once, however often the log is replayed.
 */
export function receiptsToSend(
  state: RoomState,
  seat: Seat,
  outbox: readonly OutboxEntry[],
): string[] {
  const queued = new Set(
    outbox.flatMap((entry) =>
      entry.event.type === 'signal_delivered' ? [entry.event.signalId] : [],
    ),
  );
  return deliveryReceiptsOwedBy(state, seat)
    .map((signal) => signal.id)
    .filter((id) => !queued.has(id));
}
