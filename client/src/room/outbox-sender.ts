import type { ErrorCode } from '../../../shared/errors.ts';
import type { RequestOf } from '../../../shared/protocol.ts';
import { Backoff } from './backoff.ts';
import type { OutboxEntry } from './outbox.ts';
import { failureAction } from './request-failure.ts';
import type { Reply } from './room-socket.ts';

/** The slice of the outbox the sender works on. */
export interface SendQueue {
  nextUnacked(): OutboxEntry | undefined;
  markAcked(eventId: string, seq: number): void;
  drop(eventId: string): void;
}

export interface OutboxSenderDeps {
  readonly outbox: SendQueue;
  /** Whether sending may go on: the seat is held, and this tab is the one that sends. */
  readonly canSend: () => boolean;
  /** Seals an entry for the wire; null if it cannot be sealed. */
  readonly seal: (entry: OutboxEntry) => Promise<RequestOf<'envelope:send'> | null>;
  readonly send: (envelope: RequestOf<'envelope:send'>) => Promise<Reply<'envelope:send'>>;
  /** The highest sequence number the replica has consumed. */
  readonly consumedSeq: () => number;
  /** The outbox changed (an acknowledgement, a drop): show it. */
  readonly changed: () => void;
  /** The server refused this event for good; it has left the outbox. */
  readonly refused: (entry: OutboxEntry, code: ErrorCode | 'unsealable') => void;
  readonly rejoin: () => void;
  readonly outdated: () => void;
}

/**
 * Sends the outbox one event at a time, in order, until it is empty or sending must stop.
 * Unanswered and retryable sends are tried again with backoff (the server's deduplication on the
 * event id makes that safe); a send the server refuses for good leaves the outbox and is reported,
 * so it can neither block the events behind it nor vanish unsaid.
 */
export class OutboxSender {
  readonly #deps: OutboxSenderDeps;
  readonly #backoff = new Backoff();
  #pumping = false;

  constructor(deps: OutboxSenderDeps) {
    this.#deps = deps;
  }

  /** Starts sending now: after a (re)join or a new event, a queued Pause never waits out a backoff. */
  wake(): void {
    this.#backoff.wake();
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#deps.canSend()) {
        const next = this.#deps.outbox.nextUnacked();
        if (next === undefined) return;
        if (!(await this.#sendOne(next))) return;
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Sends one entry. Returns whether the pump should carry on. */
  async #sendOne(entry: OutboxEntry): Promise<boolean> {
    const deps = this.#deps;
    const envelope = await deps.seal(entry);
    if (envelope === null) {
      // Cannot happen for events checked on the way in; if it does, give up on it rather than
      // block every event behind it.
      this.#giveUp(entry, 'unsealable');
      return true;
    }
    const reply = await deps.send(envelope);
    if (reply.ok) {
      this.#backoff.reset();
      // The log may already hold it (its push can beat the acknowledgement).
      if (reply.seq > deps.consumedSeq()) deps.outbox.markAcked(entry.eventId, reply.seq);
      else deps.outbox.drop(entry.eventId);
      deps.changed();
      return true;
    }
    if ('timeout' in reply) {
      await this.#backoff.wait();
      return true;
    }
    switch (failureAction(reply.error.code)) {
      case 'retry':
        await this.#backoff.wait();
        return true;
      case 'rejoin':
        deps.rejoin();
        return false;
      case 'outdated':
        deps.outdated();
        return false;
      case 'final':
        this.#giveUp(entry, reply.error.code);
        return true;
    }
  }

  #giveUp(entry: OutboxEntry, code: ErrorCode | 'unsealable'): void {
    this.#deps.outbox.drop(entry.eventId);
    this.#deps.changed();
    this.#deps.refused(entry, code);
  }
}
