import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../../client/src/idle/when-idle.ts';

/** A window with requestIdleCallback whose idle periods the test hands out itself. */
function idleWindow() {
  const pending = new Map<number, { work: () => void; timeout: number | undefined }>();
  let next = 1;
  return {
    pending,
    window: {
      requestIdleCallback: (work: () => void, options?: { timeout?: number }) => {
        pending.set(next, { work, timeout: options?.timeout });
        return next++;
      },
      cancelIdleCallback: (handle: number) => {
        pending.delete(handle);
      },
      setTimeout: () => {
        throw new Error('setTimeout used although requestIdleCallback exists');
      },
    },
    /** The browser goes idle: every pending callback runs. */
    idle: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const { work } of due) work();
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenIdle', () => {
  it('runs the work in an idle period, never at once, with a deadline', () => {
    const browser = idleWindow();
    vi.stubGlobal('window', browser.window);
    const work = vi.fn();
    whenIdle(work);
    expect(work).not.toHaveBeenCalled();
    expect([...browser.pending.values()].map((entry) => entry.timeout)).toEqual([5_000]);
    browser.idle();
    expect(work).toHaveBeenCalledOnce();
  });

  it('takes a deadline of its own', () => {
    const browser = idleWindow();
    vi.stubGlobal('window', browser.window);
    whenIdle(() => undefined, 750);
    expect([...browser.pending.values()].map((entry) => entry.timeout)).toEqual([750]);
  });

  it('cancelled before the idle period, never runs', () => {
    const browser = idleWindow();
    vi.stubGlobal('window', browser.window);
    const work = vi.fn();
    const cancel = whenIdle(work);
    cancel();
    browser.idle();
    expect(work).not.toHaveBeenCalled();
  });

  it('without requestIdleCallback (Safari), runs after a short timer, and can be cancelled', () => {
    vi.useFakeTimers();
    vi.stubGlobal('window', {
      setTimeout: (work: () => void, ms: number) => setTimeout(work, ms),
      clearTimeout: (timer: ReturnType<typeof setTimeout>) => {
        clearTimeout(timer);
      },
    });
    const work = vi.fn();
    const cancelled = vi.fn();
    whenIdle(work);
    whenIdle(cancelled)();
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(199);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledOnce();
    vi.runAllTimers();
    expect(cancelled).not.toHaveBeenCalled();
  });
});
