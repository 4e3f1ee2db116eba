export const RETRY_MIN_MS = 500;
export const RETRY_MAX_MS = 8_000;

/**
 * Doubling waits between retries (0.5 s up to 8 s). A success resets it; `wake()` also ends the
 * wait in progress, so that after a reconnect a queued Pause never sits out an old backoff.
 */
export class Backoff {
  #delay = RETRY_MIN_MS;
  #wake: (() => void) | null = null;

  /** The next wait, in ms; each call doubles the one after it. */
  next(): number {
    const delay = this.#delay;
    this.#delay = Math.min(delay * 2, RETRY_MAX_MS);
    return delay;
  }

  reset(): void {
    this.#delay = RETRY_MIN_MS;
  }

  /** Waits the next delay, or less if woken. */
  wait(): Promise<void> {
    const ms = this.next();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.#wake = null;
    });
  }

  wake(): void {
    this.reset();
    this.#wake?.();
  }
}
