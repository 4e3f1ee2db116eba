import { useStore } from '@nanostores/react';
import { useEffect } from 'react';
import { whenIdle } from '../idle/when-idle.ts';
import { handshakeRefusal } from '../room/handshake-refusal.ts';
import { AfterFirstPaint } from './AfterFirstPaint.tsx';
import { AlertOverlay } from './AlertOverlay.tsx';
import { BackToStart } from './BackToStart.tsx';
import { BeforePanels } from './before/BeforePanels.tsx';
import { alertKey, roomAlert } from './before/rounds-view.ts';
import { useRoundScheduler } from './before/use-round-scheduler.ts';
import { useWishDraftRoom } from './before/use-wish-draft-room.ts';
import { DeleteRoom } from './DeleteRoom.tsx';
import { InvitePanel } from './InvitePanel.tsx';
import { lazyPart } from './LazyPart.tsx';
import { Notice } from './Notice.tsx';
import { OutdatedScreen } from './OutdatedScreen.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { useVisibilityReport } from './push/use-visibility-report.ts';
// The ready check is part of the room chunk, not a chunk of its own: it opens at the top of a
// room whose partner is in, and arriving late it would push the whole room down (layout shift).
import { ReadyPanel } from './ready/ReadyPanel.tsx';
import { SettingsPanel } from './settings/SettingsPanel.tsx';
import { SignalDock } from './SignalDock.tsx';
import { closedBodies, closedTitles, text } from './text.ts';
import { edgeText } from './text/edge.ts';
import { useRoom } from './use-room.ts';
import { useAlertTitle } from './use-alert-title.ts';
import { useHold } from './use-hold.ts';
import { partnerJoined } from './view-model.ts';

/**
 * The screens after the end are not needed to open a room, so the first load does without them;
 * a room fetches them once it shows and the browser is idle, so they are there at the end even
 * if the network is not.
 */
const afterPanels = lazyPart(() =>
  import('./after/AfterPanels.tsx').then((module) => module.AfterPanels),
);
const AfterPanels = afterPanels.Part;

/** "Notifications" is not needed to open a room either: it is fetched once the room shows. */
const notificationsPanel = lazyPart(() =>
  import('./push/NotificationsPanel.tsx').then((module) => module.NotificationsPanel),
);
const NotificationsPanel = notificationsPanel.Part;

/** How long the dock ignores taps after an alert closes (see use-hold.ts). */
const DOCK_HOLD_AFTER_ALERT_MS = 700;

export function RoomScreen({ secret }: { readonly secret: string }) {
  const { client, view } = useRoom(secret);
  const t = useStore(text);
  const titles = useStore(closedTitles);
  const bodies = useStore(closedBodies);
  // A partner's signal, else a regular check-in come due: one at a time, over everything.
  const alert = view.seat === null ? null : roomAlert(view, view.seat);
  const alertShown = alert !== null;
  const dockHeld = useHold(alertShown, DOCK_HOLD_AFTER_ALERT_MS);
  useAlertTitle(alertShown);
  useRoundScheduler(client, view);
  useVisibilityReport(client);
  const draftRoomId = useWishDraftRoom(secret, view);
  const roomShown = view.status.kind === 'open';
  useEffect(() => {
    if (!roomShown) return;
    // Not in the room's opening render: once the browser is idle.
    return whenIdle(() => {
      afterPanels.preload();
      notificationsPanel.preload();
    });
  }, [roomShown]);

  switch (view.status.kind) {
    case 'closed': {
      const { reason } = view.status;
      return (
        <Notice
          title={titles[reason]}
          body={bodies[reason]}
          warning={view.unsentSignalLost ? t.unsentSignalLost : undefined}
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
              <h2>{t.reconnecting}</h2>
              <p className="session__hint">{t.reconnectingHint}</p>
            </section>
          )}
          {partnerIn === false && <InvitePanel secret={secret} />}
          {/* The room's first render holds what is above; the panels below follow it. */}
          <AfterFirstPaint>
            {partnerIn === true && session === 'not_started' && (
              // Before they start: proves to both that an alert gets through (ready/).
              <ReadyPanel client={client} view={view} seat={seat} />
            )}
            {session !== 'ended' && (
              // Wishes can be filled in while waiting for the partner; the session starts once
              // they are in (BeforePanels decides from `partnerIn`).
              <BeforePanels
                client={client}
                view={view}
                seat={seat}
                partnerIn={partnerIn === true}
                draftRoomId={draftRoomId}
              />
            )}
            {session === 'ended' && <AfterPanels client={client} view={view} seat={seat} />}
            <NotificationsPanel client={client} view={view} seat={seat} secret={secret} />
            <SettingsPanel />
            <DeleteRoom client={client} />
          </AfterFirstPaint>
        </main>
      </div>
      <SignalDock client={client} view={view} seat={seat} inert={dockHeld} />
      {alert !== null && <AlertOverlay key={alertKey(alert)} client={client} alert={alert} />}
    </div>
  );
}

function OpeningScreen({ unreachable }: { readonly unreachable: boolean }) {
  const t = useStore(text);
  const refusals = useStore(edgeText);
  const refusal = useStore(handshakeRefusal);
  return (
    <main className="screen screen--notice" aria-busy="true">
      <p className="notice__body" role="status">
        {unreachable ? (refusal === null ? t.unreachable : refusals[refusal]) : t.opening}
      </p>
      {unreachable && <BackToStart label={t.backToStart} />}
    </main>
  );
}
