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
class InjectedStoreFailure extends Error {
  constructor(readonly method: StoreMethod) {
    super(`injected ${method} failure`);
    this.name = 'InjectedStoreFailure';
  }
}

/**
 * The memory store behind the `RoomStore` interface, with faults on demand:
 * - `failNext(method)` makes the next call(s) of a method throw;
 * - `afterClaim` runs after each successful seat claim (to arm a later failure, say);
 * - `afterAppend` runs after each append is stored, before it is acknowledged (or pushed);
 * - `untilFailed(method)` resolves once an injected failure of a method has been thrown;
 * - `rewriteAppend` lets the store report (and from then on serve) a different envelope under the
 *   sequence number an append was given: a faulty or hostile store re-sequencing an old envelope;
 * - `keepOnClose` leaves the rooms in place when the server closes, so a new server on the same
 *   store is the same server restarted.
 */
export class FaultyStore implements RoomStore {
  readonly inner = new MemoryRoomStore();
  keepOnClose = false;
  afterClaim: ((outcome: ClaimOutcome) => void) | null = null;
  afterAppend: ((envelope: StoredEnvelope) => void) | null = null;
  rewriteAppend: ((stored: StoredEnvelope) => StoredEnvelope | null) | null = null;
  /** Failures thrown so far, in order. */
  readonly failed: StoreMethod[] = [];
  readonly #pending = new Map<StoreMethod, number>();
  readonly #failureWaiters = new Set<() => void>();
  /** roomId → seq → the envelope served there instead of the stored one. */
  readonly #rewritten = new Map<string, Map<number, StoredEnvelope>>();

  /** The next `times` calls of `method` throw (after any already armed for it). */
  failNext(method: StoreMethod, times = 1): void {
    this.#pending.set(method, (this.#pending.get(method) ?? 0) + times);
  }

  /** Resolves once a call of `method` has thrown an injected failure (at once if one has). */
  untilFailed(method: StoreMethod): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!this.failed.includes(method)) return;
        this.#failureWaiters.delete(check);
        resolve();
      };
      this.#failureWaiters.add(check);
      check();
    });
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
    if (replacement !== null) {
      let room = this.#rewritten.get(roomId);
      if (room === undefined) {
        room = new Map();
        this.#rewritten.set(roomId, room);
      }
      room.set(outcome.envelope.seq, replacement);
    }
    const served = replacement ?? outcome.envelope;
    this.afterAppend?.(served);
    return { status: 'appended', envelope: served };
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

  /** The whole log of a room as the store serves it (never failed). */
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
    const pending = this.#pending.get(method) ?? 0;
    if (pending === 0) return;
    this.#pending.set(method, pending - 1);
    this.failed.push(method);
    for (const waiter of [...this.#failureWaiters]) waiter();
    throw new InjectedStoreFailure(method);
  }
}

/**
 * The store failures a join can meet, each as [what fails, the store call it hits, how to arm it
 * on a store]: each arms exactly one failure of that call, on the next join.
 */
export const JOIN_FAULTS: readonly (readonly [
  what: string,
  method: StoreMethod,
  arm: (store: FaultyStore) => void,
])[] = [
  ['claiming the seat', 'claimSeat', (store) => store.failNext('claimSeat')],
  ['reading the replay', 'readAfter', (store) => store.failNext('readAfter')],
  [
    'reading presence after the claim',
    'getRoom',
    (store) => {
      // The join reads the room before the claim; only the read after it (presence) fails.
      store.afterClaim = () => {
        store.afterClaim = null;
        store.failNext('getRoom');
      };
    },
  ],
];
