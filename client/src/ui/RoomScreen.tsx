import { otherSeat } from '../../../shared/ids.ts';
import { AlertOverlay } from './AlertOverlay.tsx';
import { ChecklistPanel } from './ChecklistPanel.tsx';
import { DeleteRoom } from './DeleteRoom.tsx';
import { InvitePanel } from './InvitePanel.tsx';
import { Notice } from './Notice.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { SessionPanel } from './SessionPanel.tsx';
import { SignalDock } from './SignalDock.tsx';
import { text } from './text.ts';
import { useRoom } from './use-room.ts';
import { incomingAlerts } from './view-model.ts';

export function RoomScreen({ secret }: { readonly secret: string }) {
  const { client, view } = useRoom(secret);

  if (view.status.kind === 'closed') {
    const copy = text.closed[view.status.reason];
    return <Notice title={copy.title} body={copy.body} offerNewRoom />;
  }
  if (view.status.kind === 'opening' || view.seat === null) {
    return (
      <main className="screen screen--notice" aria-busy="true">
        <p className="notice__body" role="status">
          {text.opening}
        </p>
      </main>
    );
  }

  const seat = view.seat;
  const partnerJoined = view.presence?.seats[otherSeat(seat)].taken ?? false;
  const alerts = incomingAlerts(view, seat);
  const alertShown = alerts.length > 0;

  return (
    <div className="room">
      <div className="room__scroll" inert={alertShown}>
        <PresenceBar view={view} seat={seat} />
        <main className="room__main">
          {!partnerJoined && <InvitePanel secret={secret} />}
          {partnerJoined && view.room.session.status !== 'ended' && (
            <SessionPanel client={client} status={view.room.session.status} />
          )}
          {view.room.session.status === 'ended' && (
            <ChecklistPanel client={client} view={view} seat={seat} />
          )}
          <DeleteRoom client={client} />
        </main>
      </div>
      <SignalDock client={client} view={view} seat={seat} inert={alertShown} />
      {alertShown && <AlertOverlay client={client} alerts={alerts} />}
    </div>
  );
}
