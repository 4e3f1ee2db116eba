import { useStore } from '@nanostores/react';
import { useId } from 'react';
import type { Seat } from '../../../../shared/ids.ts';
import { iosOutsideHomeScreen } from '../../push/push-platform.ts';
import type { PushSwitchState } from '../../push/push-switch.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { pushText } from '../text/push.ts';
import { partnerReachableByPush } from '../view-model.ts';
import { usePushSwitch } from './use-push-switch.ts';
import './push.css';

type PushWords = ReturnType<typeof pushText.get>;

/**
 * "Notifications": this phone opts in to be reached while Tandem is closed (Web Push), with a
 * plain word on what that means, and says whether the partner's phone can be reached so.
 */
export function NotificationsPanel({
  client,
  view,
  seat,
  secret,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
  readonly secret: string;
}) {
  const t = useStore(pushText);
  const headingId = useId();
  const hintId = useId();
  const nameHintId = useId();
  const { pushSwitch, state } = usePushSwitch(client, secret, view.serverPush);
  const partner = partnerReachableByPush(view, seat);
  const on = state.kind === 'on';
  const canTurnOn =
    view.serverPush.kind === 'vapid' && (state.kind === 'off' || state.kind === 'failed');
  const disabled = pushSwitch === null || !(on || canTurnOn);

  return (
    <section className="panel push" aria-labelledby={headingId}>
      <h2 id={headingId} className="push__heading">
        {t.heading}
      </h2>
      <p className="push__explanation">{t.explanation}</p>
      {iosOutsideHomeScreen() && <p className="push__note">{t.iosHomeScreen}</p>}
      <label className="push__field">
        <input
          type="checkbox"
          role="switch"
          className="push__switch"
          checked={on}
          disabled={disabled}
          aria-describedby={hintId}
          onChange={(event) => {
            // Within the tap: the browser asks for permission only in a gesture.
            if (event.currentTarget.checked) void pushSwitch?.turnOn(view.serverPush);
            else void pushSwitch?.turnOff();
          }}
        />
        <span className="push__label">{t.switchLabel}</span>
      </label>
      <p id={hintId} className="push__hint" role="status">
        {stateWords(t, state, view.serverPush.kind === 'unknown')}
      </p>
      {on && (
        <label className="push__field">
          <input
            type="checkbox"
            className="push__switch"
            checked={state.showSignalName}
            aria-describedby={nameHintId}
            onChange={(event) => void pushSwitch?.showSignalName(event.currentTarget.checked)}
          />
          <span className="push__label">{t.showName}</span>
        </label>
      )}
      {on && !state.showSignalName && (
        <p id={nameHintId} className="push__hint">
          {t.showNameHint}
        </p>
      )}
      {partner !== null && (
        <p className="push__partner">
          {t.partnerLabel}: {partner ? t.partnerOn : t.partnerOff}
        </p>
      )}
    </section>
  );
}

function stateWords(t: PushWords, state: PushSwitchState, notConnected: boolean): string {
  switch (state.kind) {
    case 'unsupported':
      return t.unsupported;
    case 'no_server':
      return t.noServer;
    case 'denied':
      return t.denied;
    case 'off':
      return notConnected ? t.notConnected : t.off;
    case 'working':
      return t.working;
    case 'on':
      return t.on;
    case 'failed':
      return state.reason === 'refused' ? t.failedRefused : t.failedSubscribe;
  }
}
