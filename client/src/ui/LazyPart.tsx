import { useStore } from '@nanostores/react';
import { Component, Suspense, lazy, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { text } from './text.ts';

/**
 * A part of a screen the first load does not need, fetched on demand (and ahead of time with
 * `preload`). If the fetch fails (the server is out of reach) the part says so and offers to try
 * again; the rest of the screen, the signals above all, is untouched.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while it loads; an empty busy panel unless a screen wants its own. */
  fallback: ReactNode = <section className="panel" aria-busy="true" />,
) {
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchOnce = (): Promise<ComponentType<P>> => {
    // A failed fetch is forgotten, so the next attempt fetches again.
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  const newLazy = () => lazy(async () => ({ default: await fetchOnce() }));

  function Part(props: P) {
    // React keeps a lazy component's failure for good: each attempt needs a new one.
    const [attempt, setAttempt] = useState(() => ({ number: 0, Loaded: newLazy() }));
    const retry = () => {
      setAttempt((previous) => ({ number: previous.number + 1, Loaded: newLazy() }));
    };
    return (
      <LoadBoundary key={attempt.number} retry={retry}>
        <Suspense fallback={fallback}>
          <attempt.Loaded {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  const preload = (): void => {
    fetchOnce().catch(() => undefined);
  };
  return { Part, preload };
}

interface BoundaryProps {
  readonly children: ReactNode;
  readonly retry: () => void;
}

class LoadBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return <PartNotLoaded retry={this.props.retry} />;
  }
}

/** What stands in for a part that could not load (a function, to read the words with a hook). */
function PartNotLoaded({ retry }: { readonly retry: () => void }) {
  const t = useStore(text);
  return (
    <section className="panel" role="status">
      <p className="session__hint">{t.partNotLoaded}</p>
      <button type="button" className="button" onClick={retry}>
        {t.tryAgain}
      </button>
    </section>
  );
}
