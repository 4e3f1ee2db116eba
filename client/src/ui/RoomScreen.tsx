import { AlertOverlay } from './AlertOverlay.tsx';
import { BackToStart } from './BackToStart.tsx';
import { AfterPanels } from './after/AfterPanels.tsx';
import { BeforePanels } from './before/BeforePanels.tsx';
import { DeleteRoom } from './DeleteRoom.tsx';
import { InvitePanel } from './InvitePanel.tsx';
import { Notice } from './Notice.tsx';
import { OutdatedScreen } from './OutdatedScreen.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { SignalDock } from './SignalDock.tsx';
import { text } from './text.ts';
import { useRoom } from './use-room.ts';
import { useHold } from './use-hold.ts';
import { incomingAlerts, partnerJoined } from './view-model.ts';

/** How long the dock ignores taps after an alert closes (see use-hold.ts). */
const DOCK_HOLD_AFTER_ALERT_MS = 700;

export function RoomScreen({ secret }: { readonly secret: string }) {
  const { client, view } = useRoom(secret);
  const alerts = view.seat === null ? [] : incomingAlerts(view, view.seat);
  const alertShown = alerts.length > 0;
  const dockHeld = useHold(alertShown, DOCK_HOLD_AFTER_ALERT_MS);

  switch (view.status.kind) {
    case 'closed': {
      const copy = text.closed[view.status.reason];
      return (
        <Notice
          title={copy.title}
          body={copy.body}
          warning={view.unsentSignalLost ? text.unsentSignalLost : undefined}
          offerNewRoom
        />
      );
    }
    case 'outdated':
      return <OutdatedScreen />;
    case 'opening':
      return <OpeningScreen unreachable={view.unreachable} />;
    case 'open':
      break;
  }
  if (view.seat === null) return <OpeningScreen unreachable={view.unreachable} />;

  const seat = view.seat;
  const partnerIn = partnerJoined(view, seat);
  const session = view.room.session.status;

  return (
    <div className="room">
      <div className="room__scroll" inert={alertShown}>
        <PresenceBar view={view} seat={seat} />
        <main className="room__main" tabIndex={-1}>
          {!view.connected && (
            // No seat over a live connection (offline, a server restarting, a reload): the room
            // stays as last known, and signals queue.
            <section className="panel" aria-busy="true">
              <h2>{text.reconnecting}</h2>
              <p className="session__hint">{text.reconnectingHint}</p>
            </section>
          )}
          {partnerIn === false && <InvitePanel secret={secret} />}
          {partnerIn === true && session !== 'ended' && (
            <BeforePanels client={client} view={view} seat={seat} />
          )}
          {session === 'ended' && <AfterPanels client={client} view={view} seat={seat} />}
          <DeleteRoom client={client} />
        </main>
      </div>
      <SignalDock client={client} view={view} seat={seat} inert={dockHeld} />
      {alertShown && <AlertOverlay key={alerts.at(-1)?.id} client={client} alerts={alerts} />}
    </div>
  );
}

function OpeningScreen({ unreachable }: { readonly unreachable: boolean }) {
  return (
    <main className="screen screen--notice" aria-busy="true">
      <p className="notice__body" role="status">
        {unreachable ? text.unreachable : text.opening}
      </p>
      {unreachable && <BackToStart label={text.backToStart} />}
    </main>
  );
}
