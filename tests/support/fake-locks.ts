import type { SenderLocks } from '../../client/src/room/tabs.ts';

interface Waiting {
  readonly signal: AbortSignal;
  readonly grant: () => void;
}

/**
 * Web Locks as one browser has them, for Node (which has none): exclusive locks by name, granted
 * in the order asked, each held until its callback's promise settles; a request still waiting is
 * withdrawn by aborting its signal.
 */
export class FakeLockManager implements SenderLocks {
  readonly #held = new Set<string>();
  readonly #waiting = new Map<string, Waiting[]>();

  request(
    name: string,
    options: { signal: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<unknown> {
    const { signal } = options;
    if (signal.aborted) return Promise.reject(new DOMException('withdrawn', 'AbortError'));
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.#held.add(name);
        callback()
          .then(resolve, reject)
          .finally(() => {
            this.#release(name);
          });
      };
      if (!this.#held.has(name)) {
        grant();
        return;
      }
      const queue = this.#waiting.get(name) ?? [];
      const waiting: Waiting = { signal, grant };
      queue.push(waiting);
      this.#waiting.set(name, queue);
      signal.addEventListener('abort', () => {
        const index = queue.indexOf(waiting);
        if (index === -1) return;
        queue.splice(index, 1);
        reject(new DOMException('withdrawn', 'AbortError'));
      });
    });
  }

  /** Whether someone holds `name`. */
  isHeld(name: string): boolean {
    return this.#held.has(name);
  }

  #release(name: string): void {
    this.#held.delete(name);
    this.#waiting.get(name)?.shift()?.grant();
  }
}
