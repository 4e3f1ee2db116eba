import { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import type {
  AppendOutcome,
  ClaimOutcome,
  ClaimRequest,
  RoomRecord,
  RoomStore,
} from '../../../server/store/room-store.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../../shared/protocol.ts';

export type StoreMethod =
  'claimSeat' | 'append' | 'readAfter' | 'getRoom' | 'deleteRoom' | 'purgeIdleSince';

/** What an injected failure throws: a store error, as a database or network outage would. */
export class InjectedStoreFailure extends Error {
  constructor(readonly method: StoreMethod) {
    super(`injected ${method} failure`);
    this.name = 'InjectedStoreFailure';
  }
}

/**
 * The memory store behind the `RoomStore` interface, with faults on demand:
 * - `failNext(method)` makes the next call(s) of a method throw;
 * - `afterClaim` runs after each successful seat claim (to arm a later failure, say);
 * - `rewriteAppend` lets the store report (and from then on serve) a different envelope under the
 *   sequence number an append was given: a faulty or hostile store re-sequencing an old envelope;
 * - `keepOnClose` leaves the rooms in place when the server closes, so a new server on the same
 *   store is the same server restarted.
 */
export class FaultyStore implements RoomStore {
  readonly inner = new MemoryRoomStore();
  keepOnClose = false;
  afterClaim: ((outcome: ClaimOutcome) => void) | null = null;
  rewriteAppend: ((stored: StoredEnvelope) => StoredEnvelope | null) | null = null;
  /** Calls made to each method, failed ones included. */
  readonly calls: Record<StoreMethod, number> = {
    claimSeat: 0,
    append: 0,
    readAfter: 0,
    getRoom: 0,
    deleteRoom: 0,
    purgeIdleSince: 0,
  };
  /** Failures thrown so far, in order. */
  readonly failed: StoreMethod[] = [];
  readonly #pending = new Map<StoreMethod, number>();
  /** roomId → seq → the envelope served there instead of the stored one. */
  readonly #rewritten = new Map<string, Map<number, StoredEnvelope>>();

  /** The next `times` calls of `method` throw (after any already armed for it). */
  failNext(method: StoreMethod, times = 1): void {
    this.#pending.set(method, (this.#pending.get(method) ?? 0) + times);
  }

  /** Failures armed but not thrown yet. */
  armed(method: StoreMethod): number {
    return this.#pending.get(method) ?? 0;
  }

  async claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    this.#enter('claimSeat');
    const outcome = await this.inner.claimSeat(request);
    this.afterClaim?.(outcome);
    return outcome;
  }

  async append(
    roomId: string,
    seat: Seat,
    envelope: OutgoingEnvelope,
    now: number,
  ): Promise<AppendOutcome> {
    this.#enter('append');
    const outcome = await this.inner.append(roomId, seat, envelope, now);
    if (outcome.status !== 'appended') return outcome;
    const replacement = this.rewriteAppend?.(outcome.envelope) ?? null;
    if (replacement === null) return outcome;
    let room = this.#rewritten.get(roomId);
    if (room === undefined) {
      room = new Map();
      this.#rewritten.set(roomId, room);
    }
    room.set(outcome.envelope.seq, replacement);
    return { status: 'appended', envelope: replacement };
  }

  async readAfter(roomId: string, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    this.#enter('readAfter');
    return this.#served(roomId, await this.inner.readAfter(roomId, afterSeq, limit));
  }

  async getRoom(roomId: string): Promise<RoomRecord | null> {
    this.#enter('getRoom');
    return this.inner.getRoom(roomId);
  }

  async deleteRoom(roomId: string): Promise<boolean> {
    this.#enter('deleteRoom');
    this.#rewritten.delete(roomId);
    return this.inner.deleteRoom(roomId);
  }

  async purgeIdleSince(cutoff: number): Promise<string[]> {
    this.#enter('purgeIdleSince');
    const purged = await this.inner.purgeIdleSince(cutoff);
    for (const roomId of purged) this.#rewritten.delete(roomId);
    return purged;
  }

  async close(): Promise<void> {
    if (this.keepOnClose) return;
    this.#rewritten.clear();
    await this.inner.close();
  }

  /** The whole log of a room as the store serves it (neither counted nor failed). */
  async log(roomId: string): Promise<StoredEnvelope[]> {
    return this.#served(roomId, await this.inner.readAfter(roomId, 0, Number.MAX_SAFE_INTEGER));
  }

  #served(roomId: string, page: StoredEnvelope[]): StoredEnvelope[] {
    const rewritten = this.#rewritten.get(roomId);
    return rewritten === undefined
      ? page
      : page.map((envelope) => rewritten.get(envelope.seq) ?? envelope);
  }

  #enter(method: StoreMethod): void {
    this.calls[method] += 1;
    const pending = this.#pending.get(method) ?? 0;
    if (pending === 0) return;
    this.#pending.set(method, pending - 1);
    this.failed.push(method);
    throw new InjectedStoreFailure(method);
  }
}
