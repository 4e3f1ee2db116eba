import { moveJournalIntoStore } from './outbox-journal.ts';
import type { LocalStore } from './local-store.ts';
import { Outbox } from './outbox.ts';
import type { LocalLog } from './replica-sync.ts';
import type { KeyValueStorage } from './storage.ts';
import type { TabRoleHandlers } from './tab-role.ts';
import { TabRole } from './tab-role.ts';
import type { TabCoordination, TabNews } from './tabs.ts';

export interface KeptRoomDeps {
  readonly storage: KeyValueStorage;
  readonly local: LocalStore;
  readonly tabs: TabCoordination;
}

/**
 * What this browser keeps of one room, shared by all its tabs: the outbox and the log in the
 * local store, and which tab sends. Every change kept is announced to the other tabs.
 */
export class KeptRoom {
  readonly outbox: Outbox;
  readonly log: LocalLog;
  readonly #deps: KeptRoomDeps;
  readonly #roomId: string;
  readonly #handlers: TabRoleHandlers;
  #tab: TabRole | null = null;
  /** The room ended: every write from now on is a no-op, so nothing of it comes back (R6). */
  #forgotten = false;

  constructor(deps: KeptRoomDeps, roomId: string, handlers: TabRoleHandlers) {
    this.#deps = deps;
    this.#roomId = roomId;
    this.#handlers = handlers;
    this.outbox = new Outbox(
      deps.local,
      roomId,
      () => {
        this.#tab?.announce({ type: 'outbox' });
      },
      deps.storage,
    );
    this.log = {
      load: () => deps.local.loadLog(roomId),
      append: async (incarnation, envelopes, lastSeq) => {
        if (this.#forgotten) return;
        if (await deps.local.appendLog(roomId, incarnation, envelopes, lastSeq)) {
          this.#tab?.announce({ type: 'log' });
        }
      },
      reset: async (incarnation) => {
        if (!this.#forgotten) await deps.local.resetLog(roomId, incarnation);
      },
    };
  }

  /**
   * Reads the kept outbox, moving into the local store first what its journal still holds (taps
   * whose write a page that went did not finish, or an earlier build's outbox).
   */
  async loadOutbox(): Promise<void> {
    if (this.#forgotten) return;
    await moveJournalIntoStore(
      this.#deps.storage,
      this.#deps.local,
      this.#roomId,
      () => !this.#forgotten,
    );
    await this.outbox.reload();
  }

  /** Whether this tab is the one that sends the outbox. */
  get sending(): boolean {
    return this.#tab?.sending === true;
  }

  /** Takes part among this browser's tabs on the room: hears their news, and tells its own. */
  joinTabs(): void {
    if (this.#tab !== null) return;
    this.#tab = new TabRole(this.#deps.tabs, this.#roomId, this.#handlers);
    // What this page found queued (a tap whose page went before it was sent, say) may not be known
    // to the tab that sends: it is told, and reads the journal and the store.
    if (this.outbox.entries.length > 0) this.#tab.announce({ type: 'outbox' });
  }

  /** This tab holds the seat over a connection: it asks to be the one that sends. */
  claimSending(): void {
    this.#tab?.claim();
  }

  /** This tab lost its connection: a connected tab sends meanwhile. */
  releaseSending(): void {
    this.#tab?.release();
  }

  /** Tells the other tabs what is not in the local store (a refusal, say). */
  announce(news: TabNews): void {
    this.#tab?.announce(news);
  }

  /** This tab stops: another one may send now. */
  leaveTabs(): void {
    this.#tab?.leave();
    this.#tab = null;
  }

  /** The room is over: nothing of it stays in this browser. */
  forget(): void {
    this.#forgotten = true;
    this.leaveTabs();
    this.outbox.forget();
    void this.#deps.local.forget(this.#roomId);
  }
}
