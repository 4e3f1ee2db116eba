import { KeepRequest } from '../../../shared/protocol.ts';
import { Backoff } from './backoff.ts';
import { failureAction } from './request-failure.ts';
import type { Reply } from './room-socket.ts';

export interface RoomKeeperDeps {
  /** Whether this tab may ask now: it holds the seat over a connection and is the one that sends. */
  readonly canSend: () => boolean;
  readonly send: (until: number) => Promise<Reply<'room:keep'>>;
  /** The server says this connection lost its seat: join again. */
  readonly rejoin: () => void;
  /** The server speaks another protocol: only a reload helps. */
  readonly outdated: () => void;
}

/** What to do after one answer. */
type Next = 'ask' | 'wait' | 'stop';

/**
 * Asks the server to keep the room until the time this phone wants (its last follow-up), and
 * again whenever that changes. The server learns the time only, never why.
 *
 * It asks after every join, whatever it asked before: the server on the other end may have lost
 * the time (a store restored from a backup), and one more request of the same time changes
 * nothing there. Between joins it asks only when the wanted time differs from the one answered on
 * this connection. No answer, or an answer the server may get over, is asked again with backoff
 * (and at the next join); a refusal for good is let be: the room works without it, only it may
 * end sooner, and the next change or join asks again. Only the tab that sends asks, so a browser
 * with two tabs asks once.
 */
export class RoomKeeper {
  readonly #deps: RoomKeeperDeps;
  readonly #backoff = new Backoff();
  #wanted: number | null = null;
  /** The time answered (kept, or refused for good) on the current connection; null for none. */
  #answered: number | null = null;
  /** Bumped at each join, so an answer from the connection before it is not taken for this one's. */
  #join = 0;
  #asking = false;

  constructor(deps: RoomKeeperDeps) {
    this.#deps = deps;
  }

  /**
   * The time to keep the room until, epoch ms; null when there is nothing to ask (nothing known
   * yet). To lower what was asked before (follow-ups turned off), want the earlier time, or 0 for
   * none. A time the contract refuses (negative, fractional) is ignored.
   */
  want(until: number | null): void {
    if (until !== null && !KeepRequest.safeParse({ until }).success) return;
    if (until === this.#wanted) return;
    this.#wanted = until;
    // A new time is asked at once, not after a backoff left from an older one.
    this.#backoff.wake();
    void this.#ask();
  }

  /** The seat is held over a new connection: ask again. */
  joined(): void {
    this.#join += 1;
    this.#answered = null;
    this.#backoff.wake();
    void this.#ask();
  }

  /** Something that decides `canSend` changed (this tab now sends, say): ask if due. */
  wake(): void {
    void this.#ask();
  }

  async #ask(): Promise<void> {
    if (this.#asking) return;
    this.#asking = true;
    try {
      for (;;) {
        const until = this.#wanted;
        if (!this.#deps.canSend() || until === null || until === this.#answered) return;
        const join = this.#join;
        const reply = await this.#deps.send(until);
        // Answered on a connection since replaced: the loop asks again on the new one.
        if (join !== this.#join) continue;
        const next = this.#answer(until, reply);
        if (next === 'stop') return;
        if (next === 'wait') await this.#backoff.wait();
      }
    } finally {
      this.#asking = false;
    }
  }

  #answer(until: number, reply: Reply<'room:keep'>): Next {
    if (reply.ok) {
      this.#backoff.reset();
      this.#answered = until;
      return 'ask';
    }
    if ('timeout' in reply) return 'wait';
    switch (failureAction(reply.error.code)) {
      case 'retry':
        return 'wait';
      case 'rejoin':
        this.#deps.rejoin();
        return 'stop';
      case 'outdated':
        this.#deps.outdated();
        return 'stop';
      case 'final':
        this.#answered = until;
        return 'ask';
    }
  }
}
