import type { TabChannel, TabCoordination, TabNews } from './tabs.ts';

export interface TabRoleHandlers {
  /** This tab is now the one that sends the outbox (the first tab, or the last sender closed). */
  readonly becameSender: () => void;
  /** Another tab changed what is kept: the outbox, or the log. */
  readonly heard: (news: TabNews) => void;
}

/** One tab's part among its browser's tabs on one room: whether it sends, and its news line. */
export class TabRole {
  readonly #giveUp: () => void;
  readonly #channel: TabChannel;
  #sending = false;
  #left = false;

  constructor(tabs: TabCoordination, roomId: string, handlers: TabRoleHandlers) {
    this.#channel = tabs.channel(roomId, (news) => {
      if (!this.#left) handlers.heard(news);
    });
    this.#giveUp = tabs.claimSender(roomId, () => {
      if (this.#left) return;
      this.#sending = true;
      handlers.becameSender();
    });
  }

  /** This tab sends the outbox (and the delivery receipts owed). */
  get sending(): boolean {
    return this.#sending;
  }

  announce(news: TabNews): void {
    if (!this.#left) this.#channel.announce(news);
  }

  /** The tab stops (or the room ended): another tab may send now. */
  leave(): void {
    if (this.#left) return;
    this.#left = true;
    this.#sending = false;
    this.#giveUp();
    this.#channel.close();
  }
}
