import type { Seat } from '../../../../shared/ids.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { unlockSound } from '../sound/alert-sound.ts';
import { SoundSwitch } from '../sound/SoundSwitch.tsx';
import { readyText } from '../text/ready.ts';
import type { OwnTestStatus, ScreenReadiness, SoundReadiness } from './ready-view.ts';
import { readiness } from './ready-view.ts';
import { useLocalReadiness } from './use-local-readiness.ts';
import './ready.css';

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
  const local = useLocalReadiness();
  const ready = readiness(view, seat, local);

  return (
    <section className="panel ready" aria-labelledby="ready-heading">
      <h2 id="ready-heading">{readyText.heading}</h2>
      <p className="ready__intro">{readyText.intro}</p>
      <div role="status" aria-live="polite" className="ready__verdict">
        {ready.bothReady ? (
          <p className="ready__verdict-line ready__verdict-line--ok">
            <span aria-hidden="true">✓ </span>
            {readyText.bothReady}
          </p>
        ) : (
          <p className="ready__verdict-line">{readyText.notBothReady}</p>
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
        {readyText.testAlerts}
      </button>
      <ul className="ready__rows">
        <Row label={readyText.rows.partner} ok={ready.partnerConnected} />
        <Row
          label={readyText.rows.test}
          ok={ready.ownTest === 'seen'}
          state={testWords(ready.ownTest)}
        />
        <Row
          label={readyText.rows.screen}
          ok={ready.screen === 'kept_on'}
          state={screenWords(ready.screen)}
          okState={readyText.screenState.kept_on}
        />
        <Row
          label={readyText.rows.sound}
          ok={ready.sound === 'on'}
          state={soundWords(ready.sound)}
        />
      </ul>
      <SoundSwitch />
      <p className="ready__note">{readyText.optionalNote}</p>
    </section>
  );
}

/** One thing that is ready or not yet: a mark, what it is, and its state in words. */
function Row({
  label,
  ok,
  state = null,
  okState = readyText.ready,
}: {
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
      <span className="ready__state">{ok ? okState : (state ?? readyText.notYet)}</span>
    </li>
  );
}

function testWords(status: OwnTestStatus): string | null {
  switch (status) {
    case 'sending':
      return readyText.testState.sending;
    case 'waiting':
      return readyText.testState.waiting;
    case 'none':
    case 'seen':
      return null;
  }
}

function screenWords(screen: ScreenReadiness): string | null {
  switch (screen) {
    case 'off':
      return readyText.screenState.off;
    case 'unsupported':
      return readyText.screenState.unsupported;
    case 'kept_on':
      return null;
  }
}

function soundWords(sound: SoundReadiness): string | null {
  switch (sound) {
    case 'off':
      return readyText.soundState.off;
    case 'unavailable':
      return readyText.soundState.unavailable;
    case 'on':
      return null;
  }
}
