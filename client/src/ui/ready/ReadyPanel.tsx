import { useStore } from '@nanostores/react';
import type { Seat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { unlockSound } from '../sound/alert-sound.ts';
import { SoundSwitch } from '../sound/SoundSwitch.tsx';
import { pushText } from '../text/push.ts';
import { readyText } from '../text/ready.ts';
import { partnerReachableByPush } from '../view-model.ts';
import type { OwnTestStatus, ScreenReadiness, SoundReadiness } from './ready-view.ts';
import { readiness } from './ready-view.ts';
import { useLocalReadiness } from './use-local-readiness.ts';
import './ready.css';

type ReadyWords = ReturnType<typeof readyText.get>;

/**
 * The ready check, before the session starts: "Test alerts" makes the partner's phone alert as it
 * would for a real signal, and each row says in words (not colour alone) what is ready on this
 * phone. Once each phone's test got a "Got it" from the other, both say "Both phones ready".
 */
export function ReadyPanel({
  client,
  view,
  seat,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
}) {
  const t = useStore(readyText);
  const push = useStore(pushText);
  const local = useLocalReadiness();
  const ready = readiness(view, seat, local);

  return (
    <section className="panel ready" aria-labelledby="ready-heading">
      <h2 id="ready-heading">{t.heading}</h2>
      <p className="ready__intro">{t.intro}</p>
      <div role="status" aria-live="polite" className="ready__verdict">
        {ready.bothReady ? (
          <p className="ready__verdict-line ready__verdict-line--ok">
            <span aria-hidden="true">✓ </span>
            {t.bothReady}
          </p>
        ) : (
          <p className="ready__verdict-line">{t.notBothReady}</p>
        )}
      </div>
      <button
        type="button"
        className="button button--large"
        onClick={() => {
          // A tap: the moment the browser lets this phone's sound start too.
          unlockSound();
          client.sendTestAlert();
        }}
      >
        {t.testAlerts}
      </button>
      <ul className="ready__rows">
        <Row t={t} label={t.rowPartner} ok={ready.partnerConnected} />
        <Row
          t={t}
          label={t.rowTest}
          ok={ready.ownTest === 'seen'}
          state={testWords(t, ready.ownTest)}
        />
        <Row
          t={t}
          label={t.rowScreen}
          ok={ready.screen === 'kept_on'}
          state={screenWords(t, ready.screen)}
          okState={t.screenKeptOn}
        />
        <Row
          t={t}
          label={push.rowPartnerPush}
          ok={partnerReachableByPush(view, seat) === true}
          state={push.partnerPushOff}
          okState={push.partnerPushReady}
        />
        <Row
          t={t}
          label={t.rowSound}
          ok={ready.sound === 'on'}
          state={soundWords(t, ready.sound)}
        />
      </ul>
      <SoundSwitch />
      <p className="ready__note">{t.optionalNote}</p>
    </section>
  );
}

/** One thing that is ready or not yet: a mark, what it is, and its state in words. */
function Row({
  t,
  label,
  ok,
  state = null,
  okState = t.ready,
}: {
  readonly t: ReadyWords;
  readonly label: string;
  readonly ok: boolean;
  /** Words for a state that is not yet ready, where "Not yet" would not say enough. */
  readonly state?: string | null;
  /** Words for ready, where "Ready" would not say enough. */
  readonly okState?: string;
}) {
  return (
    <li className={`ready__row${ok ? ' ready__row--ok' : ''}`}>
      <span className="ready__mark" aria-hidden="true">
        {ok ? '✓' : '○'}
      </span>
      <span className="ready__what">{label}: </span>
      <span className="ready__state">{ok ? okState : (state ?? t.notYet)}</span>
    </li>
  );
}

function testWords(t: ReadyWords, status: OwnTestStatus): string | null {
  switch (status) {
    case 'sending':
      return t.testSending;
    case 'waiting':
      return t.testWaiting;
    case 'none':
    case 'seen':
      return null;
  }
}

function screenWords(t: ReadyWords, screen: ScreenReadiness): string | null {
  switch (screen) {
    case 'off':
      return t.screenOff;
    case 'unsupported':
      return t.screenUnsupported;
    case 'kept_on':
      return null;
  }
}

function soundWords(t: ReadyWords, sound: SoundReadiness): string | null {
  switch (sound) {
    case 'off':
      return t.soundOff;
    case 'unavailable':
      return t.soundUnavailable;
    case 'on':
      return null;
  }
}
