import { useEffect } from 'react';
import type { ReactNode } from 'react';
import type { SignalRecord } from '../../../shared/reducer.ts';
import type { SignalKind } from '../../../shared/signals.ts';
import { CHECK_IN_ANSWERS } from '../../../shared/signals.ts';
import type { RoomClient } from '../room/room-client.ts';
import type { RoomAlert } from './before/rounds-view.ts';
import { alertKey } from './before/rounds-view.ts';
import { text } from './text.ts';
import { beforeText } from './text/before.ts';

const VIBRATION_PATTERN = [300, 150, 300, 150, 300];
/** An alert nobody has acknowledged buzzes again this often, until someone does. */
const REPEAT_EVERY_MS = 8_000;

/**
 * What covers the whole screen until this person answers it: a partner's signal, in the signal's
 * colour, or a regular check-in come due. The caller picks which (rounds-view.ts: the partner's
 * signals first) and keys this by `alertKey`, so each new alert buzzes and takes focus afresh.
 */
export function AlertOverlay({
  client,
  alert,
}: {
  readonly client: RoomClient;
  readonly alert: RoomAlert;
}) {
  const key = alertKey(alert);
  useEffect(() => {
    if (!('vibrate' in navigator)) return undefined;
    navigator.vibrate(VIBRATION_PATTERN);
    const repeat = setInterval(() => navigator.vibrate(VIBRATION_PATTERN), REPEAT_EVERY_MS);
    return () => {
      clearInterval(repeat);
      navigator.vibrate(0);
    };
  }, [key]);

  switch (alert.type) {
    case 'signals':
      return <SignalAlert client={client} alerts={alert.signals} />;
    case 'round':
      return <RoundAlert client={client} round={alert.round} />;
  }
}

/**
 * A partner's signal. The newest one shows; older plain signals are acknowledged with it, and an
 * older check-in comes back afterwards because it needs its own answer.
 */
function SignalAlert({
  client,
  alerts,
}: {
  readonly client: RoomClient;
  readonly alerts: readonly SignalRecord[];
}) {
  const current = alerts.at(-1);
  if (current === undefined) return null;
  const plainIds = alerts.filter((signal) => signal.kind !== 'check_in').map(({ id }) => id);
  const waiting = alerts.length - 1;

  return (
    <AlertFrame
      kind={current.kind}
      title={text.signals[current.kind]}
      detail={text.alertDetail[current.kind]}
      more={waiting > 0 ? text.moreWaiting(waiting) : null}
    >
      {current.kind === 'check_in' ? (
        <CheckInAnswers answer={(answer) => client.answerCheckIn(current.id, answer)} />
      ) : (
        <>
          <button
            type="button"
            className="button button--large alert__ack"
            autoFocus
            onClick={() => client.acknowledge(plainIds)}
          >
            {text.gotIt}
          </button>
          {current.kind === 'slow_down' && (
            <button
              type="button"
              className="button button--large alert__answer alert__answer--pause"
              onClick={() => {
                client.acknowledge(plainIds);
                client.sendSignal('pause');
              }}
            >
              {text.signals.pause}
            </button>
          )}
        </>
      )}
    </AlertFrame>
  );
}

/** A regular check-in: asked of both phones at once, answered like a partner's check-in. */
function RoundAlert({ client, round }: { readonly client: RoomClient; readonly round: number }) {
  return (
    <AlertFrame
      kind="check_in"
      title={beforeText.round.title}
      detail={beforeText.round.detail}
      more={null}
    >
      <CheckInAnswers answer={(answer) => client.answerRound(round, answer)} />
    </AlertFrame>
  );
}

function CheckInAnswers({
  answer,
}: {
  readonly answer: (answer: (typeof CHECK_IN_ANSWERS)[number]) => void;
}) {
  return CHECK_IN_ANSWERS.map((value, index) => (
    <button
      key={value}
      type="button"
      className={`button button--large alert__answer alert__answer--${value}`}
      autoFocus={index === 0}
      onClick={() => answer(value)}
    >
      {text.answers[value]}
    </button>
  ));
}

function AlertFrame({
  kind,
  title,
  detail,
  more,
  children,
}: {
  readonly kind: SignalKind;
  readonly title: string;
  readonly detail: string;
  readonly more: string | null;
  readonly children: ReactNode;
}) {
  return (
    <div
      className={`alert alert--${kind}`}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="alert-title"
      aria-describedby="alert-detail"
    >
      {/* The alert holds its own answers, so "Got it" is found inside the alert it acknowledges. */}
      <div className="alert__body" role="alert">
        <h2 id="alert-title" className="alert__title">
          {title}
        </h2>
        <p id="alert-detail" className="alert__detail">
          {detail}
        </p>
        {more !== null && <p className="alert__more">{more}</p>}
        <div className="alert__actions">{children}</div>
      </div>
    </div>
  );
}
