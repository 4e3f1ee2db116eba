import { useEffect, useState } from 'react';
import type { ReflectionAnswers } from '../../../../shared/content.ts';
import type { RoomClient } from '../../room/room-client.ts';

export type OpenedAnswers =
  | { readonly kind: 'opening' }
  | { readonly kind: 'opened'; readonly answers: ReflectionAnswers }
  /** The key does not open it (or it is not a reflection): said neutrally, never guessed at. */
  | { readonly kind: 'failed' };

/**
 * A sealed reflection, opened off the render path (Web Crypto is async): this person's own with
 * this device's key (`key` null), or the partner's with the key they revealed.
 */
export function useReflectionAnswers(
  client: RoomClient,
  whose: 'own' | 'partner',
  sealed: string,
  key: string | null,
): OpenedAnswers {
  const [opened, setOpened] = useState<{ readonly for: string; readonly value: OpenedAnswers }>({
    for: '',
    value: { kind: 'opening' },
  });
  const target = `${whose}|${sealed}|${key ?? ''}`;
  useEffect(() => {
    let live = true;
    const open =
      whose === 'own'
        ? client.openOwnReflection(sealed)
        : client.openPartnerReflection(sealed, key);
    open
      .then(
        (result): OpenedAnswers =>
          result.ok ? { kind: 'opened', answers: result.answers } : { kind: 'failed' },
        (): OpenedAnswers => ({ kind: 'failed' }),
      )
      .then((value) => {
        if (live) setOpened({ for: target, value });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, whose, sealed, key, target]);
  // Until this target's result is in, it is opening (not the previous target's answers).
  return opened.for === target ? opened.value : { kind: 'opening' };
}
