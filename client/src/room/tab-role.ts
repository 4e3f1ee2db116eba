import type { TabChannel, TabCoordination, TabNews } from './tabs.ts';

export interface TabRoleHandlers {
  /** This tab is now the one that sends the outbox (the first tab, or the last sender closed). */
  readonly becameSender: () => void;
  /** Another tab changed what is kept: the outbox, or the log. */
  readonly heard: (news: TabNews) => void;
}

/**
 * One tab's part among its browser's tabs on one room: whether it sends, and its news line. The
 * news line is open as long as the tab shows the room; the claim to send is made only while the
 * tab holds the seat over a connection, so a tab that lost its connection never keeps the other,
 * connected tabs from sending.
 */
export class TabRole {
  readonly #tabs: TabCoordination;
  readonly #roomId: string;
  readonly #handlers: TabRoleHandlers;
  readonly #channel: TabChannel;
  /** Gives up the current claim; null while none is made. */
  #giveUp: (() => void) | null = null;
  /** Bumped by each claim, so a grant that arrives for a claim given up since is ignored. */
  #claim = 0;
  #sending = false;
  #left = false;

  constructor(tabs: TabCoordination, roomId: string, handlers: TabRoleHandlers) {
    this.#tabs = tabs;
    this.#roomId = roomId;
    this.#handlers = handlers;
    this.#channel = tabs.channel(roomId, (news) => {
      if (!this.#left) handlers.heard(news);
    });
  }

  /** This tab sends the outbox (and the delivery receipts owed). */
  get sending(): boolean {
    return this.#sending;
  }

  /** Asks to send (this tab holds the seat now); becameSender runs once it does. */
  claim(): void {
    if (this.#left || this.#giveUp !== null) return;
    const claim = ++this.#claim;
    this.#giveUp = this.#tabs.claimSender(this.#roomId, () => {
      if (this.#left || claim !== this.#claim) return;
      this.#sending = true;
      this.#handlers.becameSender();
    });
  }

  /** Stops sending, or withdraws the claim (the connection dropped): another tab may send. */
  release(): void {
    this.#claim += 1;
    this.#sending = false;
    this.#giveUp?.();
    this.#giveUp = null;
  }

  announce(news: TabNews): void {
    if (!this.#left) this.#channel.announce(news);
  }

  /** The tab stops (or the room ended): another tab may send now. */
  leave(): void {
    if (this.#left) return;
    this.#left = true;
    this.release();
    this.#channel.close();
  }
}
