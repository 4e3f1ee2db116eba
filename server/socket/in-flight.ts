/**
 * Counts the requests being served, so a shutdown can let them finish: `drain` stops new ones
 * and resolves once every request already begun has been answered.
 */
export class InFlight {
  #count = 0;
  #draining = false;
  readonly #idle = new Set<() => void>();

  get draining(): boolean {
    return this.#draining;
  }

  /** Counts a request in; false (and not counted) once draining. */
  begin(): boolean {
    if (this.#draining) return false;
    this.#count += 1;
    return true;
  }

  end(): void {
    this.#count -= 1;
    if (this.#count === 0) for (const resolve of [...this.#idle]) resolve();
  }

  drain(): Promise<void> {
    this.#draining = true;
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.#idle.delete(done);
        resolve();
      };
      this.#idle.add(done);
    });
  }
}
