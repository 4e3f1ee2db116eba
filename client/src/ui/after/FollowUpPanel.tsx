import { useStore } from '@nanostores/react';
import type { Seat } from '../../../../shared/ids.ts';
import { FOLLOW_UP_FIRST } from '../../../../shared/schedule.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { locale } from '../../i18n/locale.ts';
import { followUpOptionText, followUpText, moodText, whenText } from '../text/after.ts';
import { downloadCalendarFile } from './calendar-file.ts';
import {
  askWaiting,
  displayedFollowUp,
  latestPartnerAnswers,
  nextFollowUpAt,
} from './follow-up-view.ts';
import { followUpFirstOf } from './select-value.ts';

/** The partner's answers shown: the latest few say how they are; older ones are history. */
const ANSWERS_SHOWN = 3;

/**
 * Checking in later: when both phones ask "How are you doing?" (agreed for the room), a reminder
 * for the calendar, asking the partner at any time, and what they answered.
 */
export function FollowUpPanel({
  client,
  view,
  seat,
  now,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
  readonly now: number;
}) {
  const copy = useStore(followUpText);
  const options = useStore(followUpOptionText);
  const moods = useStore(moodText);
  const language = useStore(locale);
  const { first, alsoLater } = displayedFollowUp(view);
  const next = nextFollowUpAt(view, now);
  const asked = askWaiting(view, seat);
  const answers = latestPartnerAnswers(view, seat, ANSWERS_SHOWN);

  return (
    <section className="panel follow-up" aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">{copy.heading}</h2>
      <p className="follow-up__intro">{copy.intro}</p>
      {answers.length > 0 && (
        <ul className="follow-up__answers" aria-label={copy.partnerAnswersLabel}>
          {answers.map((answer) => (
            <li key={answer.id} className={`mood mood--${answer.mood}`}>
              <p className="mood__line">{copy.partnerAnswer({ mood: moods[answer.mood] })}</p>
              {answer.note !== '' && <p className="mood__note">{answer.note}</p>}
              <p className="mood__when">{whenText(answer.answeredAt, language)}</p>
            </li>
          ))}
        </ul>
      )}
      <div className="follow-up__setting">
        <label className="field">
          <span className="field__label">{copy.choice}</span>
          <select
            className="field__input"
            value={first}
            onChange={(event) => {
              const picked = followUpFirstOf(event.currentTarget.value);
              if (picked !== null) client.setFollowUp(picked, alsoLater);
            }}
          >
            {FOLLOW_UP_FIRST.map((option) => (
              <option key={option} value={option}>
                {options[option]}
              </option>
            ))}
          </select>
        </label>
        <label className={`check${first === 'off' ? ' check--off' : ''}`}>
          <input
            type="checkbox"
            className="check__box"
            checked={alsoLater}
            disabled={first === 'off'}
            onChange={(event) => client.setFollowUp(first, event.currentTarget.checked)}
          />
          <span>{copy.alsoLater}</span>
        </label>
      </div>
      {next !== null && (
        <div className="follow-up__next">
          <p>{copy.next({ when: whenText(next, language) })}</p>
          <button type="button" className="button" onClick={() => downloadCalendarFile(next)}>
            {copy.calendar}
          </button>
        </div>
      )}
      <div className="follow-up__ask">
        <button
          type="button"
          className="button"
          disabled={asked}
          onClick={() => client.askFollowUp()}
        >
          {copy.ask}
        </button>
        {asked && (
          <p className="follow-up__asked" role="status">
            {copy.asked}
          </p>
        )}
      </div>
    </section>
  );
}
