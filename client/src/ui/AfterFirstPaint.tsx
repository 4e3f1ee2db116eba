import { startTransition, useEffect, useState } from 'react';
import type { ReactNode } from 'react';

/**
 * Renders its children one step after the screen around them. The room opens on the join's reply,
 * a render React must do at once (the room's view is an external store): under a slow phone's CPU,
 * the whole room in that render is one task long enough to block a tap. With the panels further
 * down in here, that render holds only the top of the room; the rest follows in a transition,
 * which React renders in slices with the browser free between them. Only for what ends a screen:
 * appearing under everything else, it moves nothing already shown (no layout shift).
 */
export function AfterFirstPaint({ children }: { readonly children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    startTransition(() => {
      setShown(true);
    });
  }, []);
  return shown ? children : null;
}
