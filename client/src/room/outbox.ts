import * as z from 'zod/mini';
import { ContentEvent } from '../../../shared/content.ts';
import { EventId } from '../../../shared/ids.ts';
import type { LocalStore } from './local-store.ts';
import { byQueuedAt } from './local-store.ts';
import { forgetJournal, journalEntry, journalled, unjournal } from './outbox-journal.ts';
import type { KeyValueStorage } from './storage.ts';

/**
 * Events this phone has said but the room's log does not hold yet. An entry leaves the outbox only
 * when its event comes back in the log (or the server refuses it for good), so a lost
 * acknowledgement or a reload never loses it, and the server's deduplication on the event id keeps
 * retries from doubling it.
 */
export const OutboxEntry = z.object({
  eventId: EventId,
  event: ContentEvent,
  queuedAt: z.number(),
  /** The server's sequence number once it acknowledged; null while still unconfirmed. */
  ackedSeq: z.nullable(z.number()),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/**
 * The outbox of one room: changed in memory at once (a tap shows at once), and written through to
 * the phone's local store in the same order, so other tabs and the next page load see it.
 */
export class Outbox {
  #entries: readonly OutboxEntry[] = [];
  readonly #local: LocalStore;
  readonly #roomId: string;
  /** Called once a change is written: other tabs re-read it. */
  readonly #written: () => void;
  /** Writes and re-reads, one at a time in the order asked, so a re-read sees every write. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Bumped by every change here, so a re-read that raced one is not taken as the truth. */
  #version = 0;
  /** The room ended: nothing is written any more, not even writes queued before (R6). */
  #forgotten = false;

  /** Where new entries are journalled until the local store keeps them (outbox-journal.ts). */
  readonly #journal: KeyValueStorage | null;

  constructor(
    local: LocalStore,
    roomId: string,
    written: () => void = () => undefined,
    journal: KeyValueStorage | null = null,
  ) {
    this.#local = local;
    this.#roomId = roomId;
    this.#written = written;
    this.#journal = journal;
  }

  get entries(): readonly OutboxEntry[] {
    return this.#entries;
  }

  /**
   * Reads the outbox as kept (another tab may have changed it), with what the journal still holds:
   * a tap whose write failed, or has not finished, is still queued. Resolves once it has.
   */
  async reload(): Promise<void> {
    for (;;) {
      if (this.#forgotten) return;
      const version = this.#version;
      const kept = await this.#enqueue(() => this.#local.loadOutbox(this.#roomId));
      // Changed here while reading: the next read comes after that change's write.
      if (version !== this.#version) continue;
      this.#entries = this.#withJournalled(kept);
      return;
    }
  }

  /**
   * Queues an entry. It is journalled synchronously, before this returns, so a page that goes
   * right after the tap still leaves it for the next one; the journal lets go once it is kept.
   */
  add(entry: OutboxEntry): void {
    if (this.#forgotten) return;
    const journal = this.#journal;
    if (journal !== null) journalEntry(journal, this.#roomId, entry);
    this.#change([...this.#entries, entry], async () => {
      const kept = await this.#local.putOutbox(this.#roomId, [entry]);
      if (kept && journal !== null) unjournal(journal, this.#roomId, new Set([entry.eventId]));
      // Not kept (IndexedDB failing or missing), the entry is still in the journal, which every
      // tab reads: the other tabs are told all the same, so the sending one picks it up (R10).
      if (!kept && journal !== null) this.#written();
      return kept;
    });
  }

  /** The oldest entry the server has not acknowledged: sending is strictly in order. */
  nextUnacked(): OutboxEntry | undefined {
    return this.#entries.find((entry) => entry.ackedSeq === null);
  }

  markAcked(eventId: string, seq: number): void {
    const entry = this.#entries.find((candidate) => candidate.eventId === eventId);
    if (entry === undefined) return;
    const acked = { ...entry, ackedSeq: seq };
    this.#change(
      this.#entries.map((candidate) => (candidate === entry ? acked : candidate)),
      () => this.#local.putOutbox(this.#roomId, [acked]),
    );
  }

  /** The log the acknowledgements named was dropped (another incarnation): send them again. */
  forgetAcks(): void {
    const acked = this.#entries.filter((entry) => entry.ackedSeq !== null);
    if (acked.length === 0) return;
    const unacked = this.#entries.map((entry) => ({ ...entry, ackedSeq: null }));
    this.#change(unacked, () => this.#local.putOutbox(this.#roomId, unacked));
  }

  /** Removes entries whose events are now in the log. Returns true if any were removed. */
  settle(eventIds: ReadonlySet<string>): boolean {
    const removed = this.#entries.filter((entry) => eventIds.has(entry.eventId));
    if (removed.length === 0 || this.#forgotten) return false;
    if (this.#journal !== null) unjournal(this.#journal, this.#roomId, eventIds);
    this.#change(
      this.#entries.filter((entry) => !eventIds.has(entry.eventId)),
      () =>
        this.#local.deleteOutbox(
          this.#roomId,
          removed.map((entry) => entry.eventId),
        ),
    );
    return true;
  }

  drop(eventId: string): void {
    this.settle(new Set([eventId]));
  }

  /**
   * The room ended: empties it here, and its journal, for good. What is kept goes with the rest of
   * the room (LocalStore.forget), and writes still queued are dropped, so none brings one back.
   */
  forget(): void {
    this.#forgotten = true;
    if (this.#journal !== null) forgetJournal(this.#journal, this.#roomId);
    this.#version += 1;
    this.#entries = [];
  }

  /** `kept` and the journal's entries it lacks, oldest first (the kept copy carries any ack). */
  #withJournalled(kept: readonly OutboxEntry[]): readonly OutboxEntry[] {
    if (this.#journal === null) return kept;
    const known = new Set(kept.map((entry) => entry.eventId));
    const missing = journalled(this.#journal, this.#roomId).filter(
      (entry) => !known.has(entry.eventId),
    );
    return missing.length === 0 ? kept : [...kept, ...missing].sort(byQueuedAt);
  }

  #change(entries: readonly OutboxEntry[], write: () => Promise<boolean>): void {
    if (this.#forgotten) return;
    this.#version += 1;
    this.#entries = entries;
    void this.#enqueue(() => (this.#forgotten ? Promise.resolve(false) : write())).then((kept) => {
      if (kept) this.#written();
    });
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
