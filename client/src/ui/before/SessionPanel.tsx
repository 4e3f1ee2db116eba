import { useStore } from '@nanostores/react';
import type { Seat } from '../../../../shared/ids.ts';
import type { SessionStatus } from '../../../../shared/reducer.ts';
import type { CheckInInterval } from '../../../../shared/schedule.ts';
import { CHECK_IN_INTERVALS } from '../../../../shared/schedule.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { answerText, sessionText, text } from '../text.ts';
import { regularOptionText, regularText } from '../text/before.ts';
import { UNANSWERED_AFTER_MS } from '../../../../shared/schedule.ts';
import { useElapsed } from '../use-elapsed.ts';
import { SoundSwitch } from '../sound/SoundSwitch.tsx';
import { KeepScreenOn } from '../wake/KeepScreenOn.tsx';
import { partnerRoundShown, partnerSilentRound, shownInterval } from './rounds-view.ts';
import './session.css';

/** Starting and ending the session, the regular check-ins agreed for it, and how the partner is. */
export function SessionPanel({
  client,
  view,
  seat,
  status,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
  readonly status: Exclude<SessionStatus, 'ended'>;
}) {
  const t = useStore(sessionText);
  return (
    <section className="panel session" aria-labelledby="session-heading">
      <h2 id="session-heading">{status === 'in_progress' ? t.inProgress : t.notStarted}</h2>
      {status === 'not_started' && <p className="session__hint">{t.notStartedHint}</p>}
      <RegularCheckInsField client={client} view={view} />
      {status === 'in_progress' && <PartnerRoundLine view={view} seat={seat} />}
      {status === 'in_progress' && <KeepScreenOn />}
      {status === 'in_progress' && <SoundSwitch />}
      <div className="session__actions">
        {status === 'not_started' && (
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => client.startSession()}
          >
            {t.start}
          </button>
        )}
        <button
          type="button"
          className={`button button--large${status === 'in_progress' ? ' button--primary' : ''}`}
          onClick={() => client.endSession()}
        >
          {t.end}
        </button>
      </div>
    </section>
  );
}

/** One select for the room: both phones show the value the log agreed (or this phone's newer tap). */
function RegularCheckInsField({
  client,
  view,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
}) {
  const t = useStore(regularText);
  const options = useStore(regularOptionText);
  const value = shownInterval(view);
  return (
    <label className="field regular">
      <span className="field__label">{t.label}</span>
      <select
        className="field__input"
        value={value}
        aria-describedby="regular-hint"
        onChange={(event) => {
          const chosen = CHECK_IN_INTERVALS.find(
            (minutes) => String(minutes) === event.currentTarget.value,
          );
          if (chosen !== undefined && chosen !== value) client.setRegularCheckIns(chosen);
        }}
      >
        {CHECK_IN_INTERVALS.map((minutes: CheckInInterval) => (
          <option key={minutes} value={minutes}>
            {options[minutes]}
          </option>
        ))}
      </select>
      <span id="regular-hint" className="regular__hint">
        {t.hint}
      </span>
    </label>
  );
}

/**
 * How the partner answered the latest regular check-in. Silence is said plainly once it has lasted
 * UNANSWERED_AFTER_MS on this phone (the timer re-renders then), so nobody relies on a phone left
 * in a pocket.
 */
function PartnerRoundLine({ view, seat }: { readonly view: RoomView; readonly seat: Seat }) {
  const silent = partnerSilentRound(view.room, seat);
  const silenceLasted = useElapsed(silent === null ? null : `round-${silent}`, UNANSWERED_AFTER_MS);
  const t = useStore(text);
  const answers = useStore(answerText);
  const regular = useStore(regularText);
  const partner = partnerRoundShown(view.room, seat, silenceLasted);
  return (
    <div className="round-status" role="status" aria-live="polite">
      {partner?.kind === 'answered' && (
        <p className={`round-status__line round-status__line--${partner.answer}`}>
          {t.partnerAnswered({ answer: answers[partner.answer] })}
        </p>
      )}
      {partner?.kind === 'waiting' && (
        <p className="round-status__line round-status__line--waiting">{regular.waiting}</p>
      )}
      {partner?.kind === 'unanswered' && (
        <p className="round-status__line round-status__line--unanswered">{regular.unanswered}</p>
      )}
    </div>
  );
}
