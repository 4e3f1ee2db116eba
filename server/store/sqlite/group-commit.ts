import type { Database } from 'better-sqlite3';

/** One write waiting for the next group commit, and the promise it answers. */
interface Waiting {
  readonly step: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Settled =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * Group commit: the writes asked for while the event loop handles one round of I/O (every
 * envelope read from every socket in it) run together in ONE transaction, so one fsync makes all
 * of them durable, instead of one fsync each. With synchronous=FULL the fsync is the cost of a
 * write; at hundreds of signals a second, one per signal would keep the event loop blocked.
 *
 * Each write still runs alone and atomically: inside the group it is a savepoint of its own, so
 * one that fails (a constraint, a full page) is rolled back alone and answered with its error,
 * and the others stand. Each promise settles only after the group's COMMIT has returned, that is
 * after the fsync: nothing is acknowledged before it is on disk (R3). If the group itself fails
 * (BEGIN cannot get the lock, the commit's fsync fails, or SQLite rolled the whole transaction
 * back on a full disk), nothing of it was written and every write in it gets that error.
 *
 * Writes run in the order asked; a read asked meanwhile runs at once and does not see them, as if
 * it had come first (none of them has been answered yet).
 */
export class GroupCommit {
  readonly #db: Database;
  readonly #sortError: (error: unknown) => Error;
  #waiting: Waiting[] = [];
  #scheduled = false;
  readonly #runGroup: (group: readonly Waiting[]) => Settled[];

  constructor(db: Database, sortError: (error: unknown) => Error) {
    this.#db = db;
    this.#sortError = sortError;
    const group = db.transaction((writes: readonly Waiting[]) =>
      writes.map((write) => this.#runOne(write)),
    );
    this.#runGroup = (writes) => group.immediate(writes);
  }

  /**
   * Runs `step`, a better-sqlite3 transaction function (so it becomes a savepoint inside the
   * group), with the next group; resolves with what it returned once the group is durable.
   */
  write<T>(step: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ step, resolve: resolve as (value: unknown) => void, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      // After the poll phase: every request that arrived in this round of I/O joins the group.
      setImmediate(() => {
        this.flush();
      });
    });
  }

  /** Commits what is waiting now (closing the store flushes first, so nothing is dropped). */
  flush(): void {
    this.#scheduled = false;
    const group = this.#waiting;
    if (group.length === 0) return;
    this.#waiting = [];
    let settled: Settled[];
    try {
      settled = this.#runGroup(group);
    } catch (error) {
      const sorted = this.#sortError(error);
      for (const write of group) write.reject(sorted);
      return;
    }
    group.forEach((write, index) => {
      const outcome = settled[index];
      if (outcome?.ok === true) write.resolve(outcome.value);
      else write.reject(this.#sortError(outcome?.error));
    });
  }

  #runOne(write: Waiting): Settled {
    try {
      return { ok: true, value: write.step() };
    } catch (error) {
      // SQLite may have rolled back the whole group (SQLITE_FULL, an I/O error): then the writes
      // before this one are gone too, and the group must fail as one.
      if (!this.#db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
