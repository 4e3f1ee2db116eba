/**
 * Runs work the page can do without, for now, once the browser has nothing more urgent: after the
 * current frames, taps and socket messages (requestIdleCallback), and in any case within
 * `atMostMs`, so it is never put off for good on a page that is never idle. Browsers without
 * requestIdleCallback (Safari) wait a moment instead. Returns a cancel function.
 */
export function whenIdle(work: () => void, atMostMs = IDLE_DEADLINE_MS): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: atMostMs });
    return () => {
      window.cancelIdleCallback(handle);
    };
  }
  const timer = window.setTimeout(work, FALLBACK_DELAY_MS);
  return () => {
    window.clearTimeout(timer);
  };
}

/** Long enough for a room to open on a slow phone, short enough that its work is not forgotten. */
const IDLE_DEADLINE_MS = 5_000;
/** Without requestIdleCallback: a few frames, enough to let the work already queued go first. */
const FALLBACK_DELAY_MS = 200;
