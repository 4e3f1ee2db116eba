import * as z from 'zod/mini';
import { ContentEvent } from '../../../shared/content.ts';
import { EventId } from '../../../shared/ids.ts';
import type { KeyValueStorage } from './storage.ts';
import { readJson, writeJson } from './storage.ts';

/**
 * Events this phone has said but the room's log does not hold yet. An entry leaves the outbox only
 * when its event comes back in the log, so a lost acknowledgement or a reload never loses it, and
 * the server's deduplication on the event id keeps retries from doubling it.
 */
const OutboxEntry = z.object({
  eventId: EventId,
  event: ContentEvent,
  queuedAt: z.number(),
  /** The server's sequence number once it acknowledged; null while still unconfirmed. */
  ackedSeq: z.nullable(z.number()),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

const keyFor = (roomId: string) => `tandem.outbox.${roomId}`;

export class Outbox {
  #entries: readonly OutboxEntry[];
  readonly #storage: KeyValueStorage;
  readonly #key: string;

  constructor(storage: KeyValueStorage, roomId: string) {
    this.#storage = storage;
    this.#key = keyFor(roomId);
    // Entry by entry: one unreadable entry must not cost the others (a queued Pause among them).
    const stored = readJson(storage, this.#key);
    this.#entries = Array.isArray(stored)
      ? stored.flatMap((item: unknown) => {
          const parsed = OutboxEntry.safeParse(item);
          return parsed.success ? [parsed.data] : [];
        })
      : [];
  }

  get entries(): readonly OutboxEntry[] {
    return this.#entries;
  }

  add(entry: OutboxEntry): void {
    this.#set([...this.#entries, entry]);
  }

  /** The oldest entry the server has not acknowledged: sending is strictly in order. */
  nextUnacked(): OutboxEntry | undefined {
    return this.#entries.find((entry) => entry.ackedSeq === null);
  }

  markAcked(eventId: string, seq: number): void {
    this.#set(
      this.#entries.map((entry) =>
        entry.eventId === eventId ? { ...entry, ackedSeq: seq } : entry,
      ),
    );
  }

  /** Removes entries whose events are now in the log. Returns true if any were removed. */
  settle(eventIds: ReadonlySet<string>): boolean {
    const remaining = this.#entries.filter((entry) => !eventIds.has(entry.eventId));
    if (remaining.length === this.#entries.length) return false;
    this.#set(remaining);
    return true;
  }

  /** The log the acknowledgements named was dropped (another incarnation): send them again. */
  forgetAcks(): void {
    if (this.#entries.some((entry) => entry.ackedSeq !== null)) {
      this.#set(this.#entries.map((entry) => ({ ...entry, ackedSeq: null })));
    }
  }

  drop(eventId: string): void {
    this.#set(this.#entries.filter((entry) => entry.eventId !== eventId));
  }

  clear(): void {
    this.#entries = [];
    this.#storage.removeItem(this.#key);
  }

  #set(entries: readonly OutboxEntry[]): void {
    this.#entries = entries;
    writeJson(this.#storage, this.#key, entries);
  }
}
