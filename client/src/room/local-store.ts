import type { StoredEnvelope } from '../../../shared/protocol.ts';
import type { OutboxEntry } from './outbox.ts';

/** The log of one room as this phone keeps it: sealed envelopes, as the server relayed them. */
export interface KeptLog {
  readonly incarnation: string;
  /** The highest sequence number kept; every envelope up to it is kept. */
  readonly lastSeq: number;
  /** In sequence order. */
  readonly envelopes: readonly StoredEnvelope[];
}

/**
 * What the phone keeps of its rooms between page loads, shared by the tabs of one browser (in
 * IndexedDB: see indexed-db-store.ts). Every operation settles, never rejects: a store that
 * stops working costs the room its survival across a reload, never the room itself. Each write
 * resolves whether it was kept beyond this page.
 */
export interface LocalStore {
  loadLog(roomId: string): Promise<KeptLog | null>;
  /**
   * Adds consumed envelopes to the log of `incarnation`; ignored (resolves false) unless that log
   * was started by resetLog and is still kept: a forgotten room never comes back.
   */
  appendLog(
    roomId: string,
    incarnation: string,
    envelopes: readonly StoredEnvelope[],
    lastSeq: number,
  ): Promise<boolean>;
  /** Drops the room's kept log and starts the log of `incarnation`, empty. */
  resetLog(roomId: string, incarnation: string): Promise<boolean>;
  /** The outbox, oldest first. */
  loadOutbox(roomId: string): Promise<OutboxEntry[]>;
  /** Adds entries, or replaces those with the same event id. */
  putOutbox(roomId: string, entries: readonly OutboxEntry[]): Promise<boolean>;
  deleteOutbox(roomId: string, eventIds: readonly string[]): Promise<boolean>;
  /** Removes everything kept of the room. */
  forget(roomId: string): Promise<boolean>;
}

/** Oldest first; entries queued in the same millisecond keep a stable order by event id. */
export const byQueuedAt = (a: OutboxEntry, b: OutboxEntry): number =>
  a.queuedAt - b.queuedAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** Memory lasts as long as the page: nothing is kept beyond it. */
const NOT_KEPT = Promise.resolve(false);

/**
 * A store in this page's memory: what the phone uses when IndexedDB cannot be opened (some
 * private modes). The room works; it just does not survive a reload.
 */
export class MemoryStore implements LocalStore {
  readonly #logs = new Map<string, KeptLog>();
  readonly #outboxes = new Map<string, Map<string, OutboxEntry>>();

  loadLog(roomId: string): Promise<KeptLog | null> {
    return Promise.resolve(this.#logs.get(roomId) ?? null);
  }

  appendLog(
    roomId: string,
    incarnation: string,
    envelopes: readonly StoredEnvelope[],
    lastSeq: number,
  ): Promise<boolean> {
    const kept = this.#logs.get(roomId);
    if (kept?.incarnation === incarnation) {
      const bySeq = new Map(kept.envelopes.map((envelope) => [envelope.seq, envelope]));
      for (const envelope of envelopes) bySeq.set(envelope.seq, envelope);
      this.#logs.set(roomId, {
        incarnation,
        lastSeq: Math.max(kept.lastSeq, lastSeq),
        envelopes: [...bySeq.values()].sort((a, b) => a.seq - b.seq),
      });
    }
    return NOT_KEPT;
  }

  resetLog(roomId: string, incarnation: string): Promise<boolean> {
    this.#logs.set(roomId, { incarnation, lastSeq: 0, envelopes: [] });
    return NOT_KEPT;
  }

  loadOutbox(roomId: string): Promise<OutboxEntry[]> {
    return Promise.resolve([...(this.#outboxes.get(roomId)?.values() ?? [])].sort(byQueuedAt));
  }

  putOutbox(roomId: string, entries: readonly OutboxEntry[]): Promise<boolean> {
    const outbox = this.#outboxes.get(roomId) ?? new Map<string, OutboxEntry>();
    for (const entry of entries) outbox.set(entry.eventId, entry);
    this.#outboxes.set(roomId, outbox);
    return NOT_KEPT;
  }

  deleteOutbox(roomId: string, eventIds: readonly string[]): Promise<boolean> {
    const outbox = this.#outboxes.get(roomId);
    for (const eventId of eventIds) outbox?.delete(eventId);
    return NOT_KEPT;
  }

  forget(roomId: string): Promise<boolean> {
    this.#logs.delete(roomId);
    this.#outboxes.delete(roomId);
    return NOT_KEPT;
  }
}
