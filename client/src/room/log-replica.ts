import type { LogEntry, RoomState } from '../../../shared/reducer.ts';
import { initialRoomState, reduceRoom } from '../../../shared/reducer.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';

export interface Received {
  /** Entries folded into the state by this call, in sequence order. */
  readonly added: readonly LogEntry[];
  /** Envelopes consumed by this call, in sequence order, including those that did not open. */
  readonly consumed: readonly StoredEnvelope[];
  /** Envelopes wait beyond a missing sequence number. */
  readonly gap: boolean;
}

/**
 * The phone's copy of the room's ordered log. Envelopes may arrive twice (replay overlapping live
 * pushes) or out of order (a push racing a replay page); they are folded strictly in sequence
 * order, each exactly once. A missing sequence number is reported as a gap for the caller to fill.
 */
export class LogReplica {
  #state: RoomState = initialRoomState;
  /** Highest sequence number consumed, including envelopes that could not be opened. */
  #consumedSeq = 0;
  #unreadable = 0;
  /**
   * Event ids already folded. The server deduplicates on them, but the phone does not rely on
   * that: a copy of an envelope under a later sequence number (a faulty or hostile server) is
   * skipped, so it can neither revive an acknowledged alert nor undo a newer tick.
   */
  readonly #foldedIds = new Set<string>();
  readonly #waiting = new Map<number, StoredEnvelope>();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #open: (envelope: StoredEnvelope) => Promise<LogEntry | null>;

  constructor(open: (envelope: StoredEnvelope) => Promise<LogEntry | null>) {
    this.#open = open;
  }

  get state(): RoomState {
    return this.#state;
  }

  get consumedSeq(): number {
    return this.#consumedSeq;
  }

  /** Envelopes whose content did not authenticate or parse: skipped, and counted. */
  get unreadable(): number {
    return this.#unreadable;
  }

  /**
   * Takes envelopes in any order; resolves once every contiguous one is folded, with the entries
   * that were new, the envelopes consumed (in order, unreadable ones included) and whether a gap
   * remains before the ones still waiting.
   */
  receive(envelopes: readonly StoredEnvelope[]): Promise<Received> {
    const run = this.#queue.then(() => this.#drain(envelopes));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #drain(envelopes: readonly StoredEnvelope[]): Promise<Received> {
    for (const envelope of envelopes) {
      if (envelope.seq > this.#consumedSeq) this.#waiting.set(envelope.seq, envelope);
    }
    const added: LogEntry[] = [];
    const consumed: StoredEnvelope[] = [];
    for (;;) {
      const next = this.#waiting.get(this.#consumedSeq + 1);
      if (next === undefined) break;
      this.#waiting.delete(next.seq);
      // An open that throws counts as unreadable: it must not stall everything after it.
      const entry = await this.#open(next).catch(() => null);
      this.#consumedSeq = next.seq;
      consumed.push(next);
      if (entry === null) {
        this.#unreadable += 1;
        continue;
      }
      if (this.#foldedIds.has(entry.eventId)) continue;
      this.#foldedIds.add(entry.eventId);
      this.#state = reduceRoom(this.#state, entry);
      added.push(entry);
    }
    return { added, consumed, gap: this.#waiting.size > 0 };
  }
}
