import { useStore } from '@nanostores/react';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { SignalRecord } from '../../../shared/reducer.ts';
import type { SignalKind } from '../../../shared/signals.ts';
import { CHECK_IN_ANSWERS } from '../../../shared/signals.ts';
import type { RoomClient } from '../room/room-client.ts';
import type { RoomAlert } from './before/rounds-view.ts';
import { alertKey } from './before/rounds-view.ts';
import { alertBuzz, INSISTENT_AFTER_MS } from './alert-vibration.ts';
import type { AlertTone } from './alert-vibration.ts';
import { alertDetailText, answerText, signalText, text } from './text.ts';
import { roundText } from './text/before.ts';

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
  const tone: AlertTone =
    alert.type === 'round' ? 'round' : (alert.signals.at(-1)?.kind ?? 'pause');
  const insistent = useBuzzing(key, tone);

  switch (alert.type) {
    case 'signals':
      return <SignalAlert client={client} alerts={alert.signals} insistent={insistent} />;
    case 'round':
      return <RoundAlert client={client} round={alert.round} insistent={insistent} />;
  }
}

/**
 * Buzzes for the alert `key` until it goes (alert-vibration.ts), and says when it has turned
 * insistent, so the screen can too.
 */
function useBuzzing(key: string, tone: AlertTone): boolean {
  const [insistentKey, setInsistentKey] = useState<string | null>(null);
  useEffect(() => {
    const shownAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const buzz = () => {
      const elapsed = Date.now() - shownAt;
      const { pattern, repeatMs } = alertBuzz(tone, elapsed);
      if ('vibrate' in navigator) navigator.vibrate([...pattern]);
      // The first repeat after the alert turns insistent is at INSISTENT_AFTER_MS exactly.
      const next =
        elapsed < INSISTENT_AFTER_MS ? Math.min(repeatMs, INSISTENT_AFTER_MS - elapsed) : repeatMs;
      timer = setTimeout(buzz, next);
    };
    buzz();
    const insist = setTimeout(() => {
      setInsistentKey(key);
    }, INSISTENT_AFTER_MS);
    return () => {
      clearTimeout(timer);
      clearTimeout(insist);
      if ('vibrate' in navigator) navigator.vibrate(0);
    };
  }, [key, tone]);
  return insistentKey === key;
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
          <button
            type="button"
            className="button button--large alert__ack"
            autoFocus
            onClick={() => client.acknowledge(plainIds)}
          >
            {t.gotIt}
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
              {signals.pause}
            </button>
          )}
        </>
      )}
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
