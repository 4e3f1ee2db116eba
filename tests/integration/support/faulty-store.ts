import { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import { StoreUnavailableError } from '../../../server/store/room-store.ts';
import type {
  AppendOutcome,
  AppendRequest,
  ClaimOutcome,
  ClaimRequest,
  Ended,
  KeepOutcome,
  KeepRequest,
  Moment,
  ReadOutcome,
  ReadRequest,
  RoomRecord,
  RoomRef,
  RoomStore,
} from '../../../server/store/room-store.ts';
import type {
  DueWake,
  PushWriteOutcome,
  SetSubscriptionRequest,
  SetWakesRequest,
  VapidKeys,
} from '../../../server/store/push-store.ts';
import type { PushSubscriptionJson } from '../../../shared/push.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { OutgoingEnvelope, StoredEnvelope } from '../../../shared/protocol.ts';
import { deferred } from '../../support/deferred.ts';
import { ANY_TIME, wholeLog } from '../../support/whole-log.ts';
import type { InspectableStore } from './stores.ts';

export type StoreMethod =
  'claimSeat' | 'append' | 'keepRoom' | 'readAfter' | 'getRoom' | 'deleteRoom' | 'listEnded';

/**
 * How an injected failure fails: `crash` throws a plain error (a bug, answered `internal`);
 * `unavailable` throws StoreUnavailableError (disk full, say: answered `storage_unavailable`).
 */
export type FailureKind = 'crash' | 'unavailable';

/** What an injected `crash` throws: a store error, as a database or network outage would. */
class InjectedStoreFailure extends Error {
  constructor(readonly method: StoreMethod) {
    super(`injected ${method} failure`);
    this.name = 'InjectedStoreFailure';
  }
}

/**
 * A call held at the store's door: `entered` once it arrives, `release` lets it through, and
 * `settled` resolves with what the store answered (or the error it threw).
 */
export interface HeldCall {
  readonly entered: Promise<void>;
  release(): void;
  readonly settled: Promise<unknown>;
}

interface Hold {
  readonly arrived: () => void;
  readonly gate: Promise<undefined>;
  readonly settle: (outcome: unknown) => void;
}

/**
 * A store (a memory store unless given) behind the `RoomStore` interface, with faults on demand:
 * - `failNext(method, times, kind)` makes the next call(s) of a method throw;
 * - `holdNext(method)` stops the next call of a method at the door until released: a slow store;
 * - `afterClaim` runs after each successful seat claim (to arm a later failure, say);
 * - `afterAppend` runs after each append is stored, before it is acknowledged (or pushed);
 * - `untilFailed(method)` resolves once an injected failure of a method has been thrown;
 * - `rewriteAppend` lets the store report (and from then on serve) a different envelope under the
 *   sequence number an append was given: a faulty or hostile store re-sequencing an old envelope;
 * - `keepOnClose` leaves the rooms in place when the server closes, so a new server on the same
 *   store is the same server restarted.
 */
export class FaultyStore implements RoomStore {
  keepOnClose = false;
  afterClaim: ((outcome: ClaimOutcome) => void) | null = null;
  afterAppend: ((envelope: StoredEnvelope) => void) | null = null;
  rewriteAppend: ((stored: StoredEnvelope) => StoredEnvelope | null) | null = null;
  /** Failures thrown so far, in order. */
  readonly failed: StoreMethod[] = [];
  readonly #pending = new Map<StoreMethod, FailureKind[]>();
  readonly #held = new Map<StoreMethod, Hold>();
  readonly #failureWaiters = new Set<() => void>();
  /** roomId → seq → the envelope served there instead of the stored one. */
  readonly #rewritten = new Map<string, Map<number, StoredEnvelope>>();

  constructor(readonly inner: InspectableStore = new MemoryRoomStore()) {}

  /** The next `times` calls of `method` throw (after any already armed for it). */
  failNext(method: StoreMethod, times = 1, kind: FailureKind = 'crash'): void {
    const pending = this.#pending.get(method) ?? [];
    this.#pending.set(method, [...pending, ...Array.from({ length: times }, () => kind)]);
  }

  /** The next call of `method` waits, before touching the store, until released. */
  holdNext(method: StoreMethod): HeldCall {
    const entered = deferred<undefined>();
    const gate = deferred<undefined>();
    const settled = deferred<unknown>();
    this.#held.set(method, {
      arrived: () => {
        entered.resolve(undefined);
      },
      gate: gate.promise,
      settle: settled.resolve,
    });
    return {
      entered: entered.promise,
      release: () => {
        gate.resolve(undefined);
      },
      settled: settled.promise,
    };
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

  claimSeat(request: ClaimRequest): Promise<ClaimOutcome> {
    return this.#call('claimSeat', async () => {
      const outcome = await this.inner.claimSeat(request);
      this.afterClaim?.(outcome);
      return outcome;
    });
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    return this.#call('append', () => this.#append(request));
  }

  async #append(request: AppendRequest): Promise<AppendOutcome> {
    const outcome = await this.inner.append(request);
    if (outcome.status !== 'appended') return outcome;
    const { roomId } = request.by.room;
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

  keepRoom(request: KeepRequest): Promise<KeepOutcome> {
    return this.#call('keepRoom', () => this.inner.keepRoom(request));
  }

  readAfter(request: ReadRequest): Promise<ReadOutcome> {
    return this.#call('readAfter', async () => {
      const outcome = await this.inner.readAfter(request);
      if (outcome.status !== 'ok') return outcome;
      return { status: 'ok', envelopes: this.#served(request.room.roomId, outcome.envelopes) };
    });
  }

  getRoom(roomId: string): Promise<RoomRecord | null> {
    return this.#call('getRoom', () => this.inner.getRoom(roomId));
  }

  /** Never fails: only the limits read it, and they are not what these faults test. */
  countRooms(): Promise<number> {
    return this.inner.countRooms();
  }

  deleteRoom(room: RoomRef): Promise<boolean> {
    return this.#call('deleteRoom', async () => {
      const removed = await this.inner.deleteRoom(room);
      if (removed) this.#rewritten.delete(room.roomId);
      return removed;
    });
  }

  listEnded(at: Moment, limit: number): Promise<Ended[]> {
    return this.#call('listEnded', () => this.inner.listEnded(at, limit));
  }

  // Push is not what these faults test: passed through as is.
  setPushSubscription(request: SetSubscriptionRequest): Promise<PushWriteOutcome> {
    return this.inner.setPushSubscription(request);
  }

  setWakes(request: SetWakesRequest): Promise<PushWriteOutcome> {
    return this.inner.setWakes(request);
  }

  pushTargetOf(room: RoomRef, seat: Seat): Promise<PushSubscriptionJson | null> {
    return this.inner.pushTargetOf(room, seat);
  }

  forgetSubscription(room: RoomRef, seat: Seat, endpoint: string): Promise<boolean> {
    return this.inner.forgetSubscription(room, seat, endpoint);
  }

  takeDueWakes(now: number, limit: number): Promise<DueWake[]> {
    return this.inner.takeDueWakes(now, limit);
  }

  keepVapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    return this.inner.keepVapidKeys(candidate);
  }

  async close(): Promise<void> {
    if (this.keepOnClose) return;
    this.#rewritten.clear();
    await this.inner.close();
  }

  dumpForTests(): string {
    return this.inner.dumpForTests();
  }

  /** The whole log of a room as the store serves it (never failed), whatever its incarnation. */
  async log(roomId: string): Promise<StoredEnvelope[]> {
    return this.#served(roomId, await wholeLog(this.inner, roomId));
  }

  /**
   * Appends straight into the room's current incarnation as `seat`'s holder (never failed, never
   * pushed): as if said long ago.
   */
  async appendDirectly(
    roomId: string,
    seat: Seat,
    envelope: OutgoingEnvelope,
    now: number,
  ): Promise<AppendOutcome> {
    const room = await this.inner.getRoom(roomId);
    const memberId = room?.seats[seat]?.memberId;
    if (room === null || memberId === undefined) return { status: 'room_not_found' };
    return this.inner.append({ by: { room, seat, memberId }, envelope, at: { ...ANY_TIME, now } });
  }

  #served(roomId: string, page: StoredEnvelope[]): StoredEnvelope[] {
    const rewritten = this.#rewritten.get(roomId);
    return rewritten === undefined
      ? page
      : page.map((envelope) => rewritten.get(envelope.seq) ?? envelope);
  }

  /** Runs one call of `method`: held if armed, failed if armed, else passed to the inner store. */
  async #call<R>(method: StoreMethod, run: () => Promise<R>): Promise<R> {
    const held = this.#held.get(method);
    if (held === undefined) {
      this.#enter(method);
      return run();
    }
    this.#held.delete(method);
    held.arrived();
    await held.gate;
    try {
      this.#enter(method);
      const outcome = await run();
      held.settle(outcome);
      return outcome;
    } catch (error) {
      held.settle(error);
      throw error;
    }
  }

  #enter(method: StoreMethod): void {
    const [kind, ...rest] = this.#pending.get(method) ?? [];
    if (kind === undefined) return;
    this.#pending.set(method, rest);
    this.failed.push(method);
    for (const waiter of [...this.#failureWaiters]) waiter();
    throw kind === 'crash'
      ? new InjectedStoreFailure(method)
      : new StoreUnavailableError('INJECTED_FULL');
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
      // Armed once the claim succeeded, so only a read after it (presence) can fail.
      store.afterClaim = () => {
        store.afterClaim = null;
        store.failNext('getRoom');
      };
    },
  ],
];
