import { useEffect } from 'react';
import type { SignalRecord } from '../../../shared/reducer.ts';
import { CHECK_IN_ANSWERS } from '../../../shared/signals.ts';
import type { RoomClient } from '../room/room-client.ts';
import { text } from './text.ts';

const VIBRATION_PATTERN = [300, 150, 300, 150, 300];
/** An alert nobody has acknowledged buzzes again this often, until someone does. */
const REPEAT_EVERY_MS = 8_000;

/**
 * A partner's signal, covering the whole screen in the signal's colour until this person
 * acknowledges it. The newest one shows; older plain signals are acknowledged with it, and an
 * older check-in comes back afterwards because it needs its own answer.
 */
export function AlertOverlay({
  client,
  alerts,
}: {
  readonly client: RoomClient;
  readonly alerts: readonly SignalRecord[];
}) {
  const current = alerts.at(-1);
  const currentId = current?.id;

  useEffect(() => {
    if (currentId === undefined || !('vibrate' in navigator)) return undefined;
    navigator.vibrate(VIBRATION_PATTERN);
    const repeat = setInterval(() => navigator.vibrate(VIBRATION_PATTERN), REPEAT_EVERY_MS);
    return () => {
      clearInterval(repeat);
      navigator.vibrate(0);
    };
  }, [currentId]);

  if (current === undefined) return null;
  const plainIds = alerts.filter((signal) => signal.kind !== 'check_in').map(({ id }) => id);
  const waiting = alerts.length - 1;

  return (
    <div
      className={`alert alert--${current.kind}`}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="alert-title"
      aria-describedby="alert-detail"
    >
      {/* The alert holds its own answers, so "Got it" is found inside the alert it acknowledges. */}
      <div className="alert__body" role="alert">
        <h2 id="alert-title" className="alert__title">
          {text.signals[current.kind]}
        </h2>
        <p id="alert-detail" className="alert__detail">
          {text.alertDetail[current.kind]}
        </p>
        {waiting > 0 && <p className="alert__more">{text.moreWaiting(waiting)}</p>}
        <div className="alert__actions">
          {current.kind === 'check_in' ? (
            CHECK_IN_ANSWERS.map((answer, index) => (
              <button
                key={answer}
                type="button"
                className={`button button--large alert__answer alert__answer--${answer}`}
                autoFocus={index === 0}
                onClick={() => client.answerCheckIn(current.id, answer)}
              >
                {text.answers[answer]}
              </button>
            ))
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
        </div>
      </div>
    </div>
  );
}
