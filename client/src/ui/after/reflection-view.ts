import type { Seat } from '../../../../shared/ids.ts';
import { otherSeat } from '../../../../shared/ids.ts';
import { shouldRevealOwn } from '../../../../shared/reflection.ts';
import type { ReflectionRecord } from '../../../../shared/room-state.ts';
import type { RoomView } from '../../room/room-client.ts';

/**
 * Where the reflection stands for this phone, from the log (what both agree on) and the outbox
 * (what this person has said that the log does not hold yet), so a tap shows at once.
 */

export type OwnReflection =
  | { readonly kind: 'not_shared' }
  | {
      readonly kind: 'shared';
      /** What this phone sealed: in the log, or still on its way. */
      readonly sealed: string;
      /** The key is revealed, or on its way: the partner can (or soon can) read it. */
      readonly revealed: boolean;
    };

export type PartnerReflection =
  | { readonly kind: 'not_shared' }
  /** Shared, but the key has not come: nobody on this phone can read it yet. */
  | { readonly kind: 'locked' }
  | { readonly kind: 'readable'; readonly record: ReflectionRecord };

export interface ReflectionStage {
  readonly own: OwnReflection;
  readonly partner: PartnerReflection;
  /** Both have shared and this phone has not sent its key: it should, once. */
  readonly revealDue: boolean;
}

export function reflectionStage(view: RoomView, seat: Seat): ReflectionStage {
  const { room, outbox } = view;
  const queued = (type: 'reflection_shared' | 'reflection_revealed') =>
    outbox.find(({ event }) => event.type === type);
  const revealQueued = queued('reflection_revealed') !== undefined;

  const record = room.reflections[seat];
  const queuedShare = queued('reflection_shared');
  const sealed =
    record?.sealed ??
    (queuedShare?.event.type === 'reflection_shared' ? queuedShare.event.sealed : null);
  const own: OwnReflection =
    sealed === null
      ? { kind: 'not_shared' }
      : { kind: 'shared', sealed, revealed: record?.key != null || revealQueued };

  const theirs = room.reflections[otherSeat(seat)];
  const partner: PartnerReflection =
    theirs === null
      ? { kind: 'not_shared' }
      : theirs.key === null
        ? { kind: 'locked' }
        : { kind: 'readable', record: theirs };

  return { own, partner, revealDue: shouldRevealOwn(room, seat) && !revealQueued };
}
