import { useStore } from '@nanostores/react';
import type { Seat } from '../../../shared/ids.ts';
import type { SignalKind } from '../../../shared/signals.ts';
import type { RoomClient, RoomView } from '../room/room-client.ts';
import { RefusedNotice } from './RefusedNotice.tsx';
import { answerText, sendWarningText, signalText, statusText, text } from './text.ts';
import { useElapsed } from './use-elapsed.ts';
import { awaitingSeen, lastOwnSignal, sendWarning } from './view-model.ts';

/**
 * The three signals, always at the bottom of every room screen, within reach of a thumb. One tap
 * sends; there is no confirmation, because a pause that waits for a second tap is a late pause.
 */
export function SignalDock({
  client,
  view,
  seat,
  inert,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
  readonly inert: boolean;
}) {
  const signals = useStore(signalText);
  const send = (kind: SignalKind) => () => client.sendSignal(kind);
  return (
    <footer className="dock" inert={inert}>
      <RefusedNotice client={client} view={view} />
      <SignalStatusLine view={view} seat={seat} />
      <div className="dock__row">
        <button type="button" className="signal signal--check_in" onClick={send('check_in')}>
          {signals.check_in}
        </button>
        <button type="button" className="signal signal--slow_down" onClick={send('slow_down')}>
          {signals.slow_down}
        </button>
      </div>
      <button type="button" className="signal signal--pause" onClick={send('pause')}>
        {signals.pause}
      </button>
    </footer>
  );
}

/** A signal the partner has not seen by then is called out, so nobody relies on a silent phone. */
const NOT_SEEN_AFTER_MS = 10_000;

function SignalStatusLine({ view, seat }: { readonly view: RoomView; readonly seat: Seat }) {
  const own = lastOwnSignal(view, seat);
  const overdue = useElapsed(awaitingSeen(own) ? own.id : null, NOT_SEEN_AFTER_MS);
  const warning = sendWarning(view, seat, overdue);
  const t = useStore(text);
  const signals = useStore(signalText);
  const status = useStore(statusText);
  const answers = useStore(answerText);
  const warnings = useStore(sendWarningText);
  return (
    <div className="dock__status" role="status" aria-live="polite">
      {own !== null && (
        <p className={`sent sent--${own.status}`}>
          <span className="sent__what">{t.yourSignal({ signal: signals[own.kind] })}</span>
          <span className="sent__state" data-testid="signal-status">
            {status[own.status]}
          </span>
        </p>
      )}
      {own?.answer != null && (
        <p className="sent__answer">{t.partnerAnswered({ answer: answers[own.answer] })}</p>
      )}
      {warning !== null && <p className="sent__warning">{warnings[warning]}</p>}
    </div>
  );
}
