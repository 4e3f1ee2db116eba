import { useStore } from '@nanostores/react';
import type { ReactNode } from 'react';
import type { SignalRecord, TestAlertRecord } from '../../../shared/reducer.ts';
import type { SignalKind } from '../../../shared/signals.ts';
import { CHECK_IN_ANSWERS } from '../../../shared/signals.ts';
import type { RoomClient } from '../room/room-client.ts';
import type { RoomAlert } from './before/rounds-view.ts';
import { alertKey } from './before/rounds-view.ts';
import type { AlertTone } from './alert-vibration.ts';
import { alertDetailText, answerText, signalText, text } from './text.ts';
import { roundText } from './text/before.ts';
import { readyText } from './text/ready.ts';
import { useBuzzing } from './use-buzzing.ts';

/**
 * What covers the whole screen until this person answers it: a partner's signal, in the signal's
 * colour, a regular check-in come due, or a partner's test alert (the ready check). The caller
 * picks which (rounds-view.ts: the partner's signals first, a test last) and keys this by
 * `alertKey`, so each new alert buzzes, sounds and takes focus afresh.
 */
export function AlertOverlay({
  client,
  alert,
}: {
  readonly client: RoomClient;
  readonly alert: RoomAlert;
}) {
  const key = alertKey(alert);
  const insistent = useBuzzing(key, toneOf(alert));

  switch (alert.type) {
    case 'signals':
      return <SignalAlert client={client} alerts={alert.signals} insistent={insistent} />;
    case 'round':
      return <RoundAlert client={client} round={alert.round} insistent={insistent} />;
    case 'test':
      return <TestAlert client={client} test={alert.test} insistent={insistent} />;
  }
}

/** A test alert buzzes and sounds as a Pause does: what it proves is that a Pause gets through. */
function toneOf(alert: RoomAlert): AlertTone {
  switch (alert.type) {
    case 'signals':
      return alert.signals.at(-1)?.kind ?? 'pause';
    case 'round':
      return 'round';
    case 'test':
      return 'pause';
  }
}

/**
 * A partner's signal. The newest one shows; older plain signals are acknowledged with it, and an
 * older check-in comes back afterwards because it needs its own answer.
 */
function SignalAlert({
  client,
  alerts,
  insistent,
}: {
  readonly client: RoomClient;
  readonly alerts: readonly SignalRecord[];
  readonly insistent: boolean;
}) {
  const t = useStore(text);
  const signals = useStore(signalText);
  const details = useStore(alertDetailText);
  const current = alerts.at(-1);
  if (current === undefined) return null;
  const plainIds = alerts.filter((signal) => signal.kind !== 'check_in').map(({ id }) => id);
  const waiting = alerts.length - 1;

  return (
    <AlertFrame
      kind={current.kind}
      insistent={insistent}
      title={signals[current.kind]}
      detail={details[current.kind]}
      more={waiting > 0 ? t.moreWaiting(waiting) : null}
    >
      {current.kind === 'check_in' ? (
        <CheckInAnswers answer={(answer) => client.answerCheckIn(current.id, answer)} />
      ) : (
        <>
          <GotIt onClick={() => client.acknowledge(plainIds)} />
          {current.kind === 'slow_down' && (
            <button
              type="button"
              className="button button--large alert__answer alert__answer--pause"
              onClick={() => {
                client.acknowledge(plainIds);
                client.sendSignal('pause');
              }}
            >
              {signals.pause}
            </button>
          )}
        </>
      )}
    </AlertFrame>
  );
}

/**
 * A partner's test alert: shown, buzzed and sounded as a Pause is, but its title says it is a
 * test, so nobody stops for it. "Got it" tells the partner's phone it got through.
 */
function TestAlert({
  client,
  test,
  insistent,
}: {
  readonly client: RoomClient;
  readonly test: TestAlertRecord;
  readonly insistent: boolean;
}) {
  const words = useStore(readyText);
  return (
    <AlertFrame
      kind="pause"
      insistent={insistent}
      title={words.alertTitle}
      detail={words.alertDetail}
      more={null}
    >
      <GotIt onClick={() => client.acknowledgeTestAlert(test.id)} />
    </AlertFrame>
  );
}

/** A regular check-in: asked of both phones at once, answered like a partner's check-in. */
function RoundAlert({
  client,
  round,
  insistent,
}: {
  readonly client: RoomClient;
  readonly round: number;
  readonly insistent: boolean;
}) {
  const words = useStore(roundText);
  return (
    <AlertFrame
      kind="check_in"
      insistent={insistent}
      title={words.title}
      detail={words.detail}
      more={null}
    >
      <CheckInAnswers answer={(answer) => client.answerRound(round, answer)} />
    </AlertFrame>
  );
}

/** The one answer to an alert that needs no other: focused first, so a keyboard lands on it. */
function GotIt({ onClick }: { readonly onClick: () => void }) {
  const t = useStore(text);
  return (
    <button type="button" className="button button--large alert__ack" autoFocus onClick={onClick}>
      {t.gotIt}
    </button>
  );
}

function CheckInAnswers({
  answer,
}: {
  readonly answer: (answer: (typeof CHECK_IN_ANSWERS)[number]) => void;
}) {
  const answers = useStore(answerText);
  return CHECK_IN_ANSWERS.map((value, index) => (
    <button
      key={value}
      type="button"
      className={`button button--large alert__answer alert__answer--${value}`}
      autoFocus={index === 0}
      onClick={() => answer(value)}
    >
      {answers[value]}
    </button>
  ));
}

function AlertFrame({
  kind,
  insistent,
  title,
  detail,
  more,
  children,
}: {
  readonly kind: SignalKind;
  /** Waited unseen past INSISTENT_AFTER_MS: the screen pulses (where motion is welcome). */
  readonly insistent: boolean;
  readonly title: string;
  readonly detail: string;
  readonly more: string | null;
  readonly children: ReactNode;
}) {
  return (
    <div
      className={`alert alert--${kind}${insistent ? ' alert--insistent' : ''}`}
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
