import { useStore } from '@nanostores/react';
import type { Seat } from '../../../shared/ids.ts';
import { otherSeat } from '../../../shared/ids.ts';
import type { RoomView } from '../room/room-client.ts';
import { appName, presenceText } from './text.ts';

type Tone = 'ok' | 'warn' | 'idle';

/** One line at the top: is the other phone there? Said plainly, since it changes what to do. */
export function PresenceBar({ view, seat }: { readonly view: RoomView; readonly seat: Seat }) {
  const t = useStore(presenceText);
  const partner = view.presence?.seats[otherSeat(seat)];
  const [message, tone]: [string, Tone] = !view.connected
    ? [t.youOffline, 'warn']
    : partner?.taken !== true
      ? [t.notJoined, 'idle']
      : partner.online
        ? [t.here, 'ok']
        : [t.offline, 'warn'];
  return (
    <header className="presence">
      <span className="presence__app">{appName}</span>
      <p className={`presence__status presence__status--${tone}`} role="status">
        <span className="presence__dot" aria-hidden="true" />
        {message}
      </p>
    </header>
  );
}
