import { useStore } from '@nanostores/react';
import { useEffect, useRef, useState } from 'react';
import type { FollowUpRef } from '../../../../shared/content.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { FollowUpMood } from '../../../../shared/schedule.ts';
import { FOLLOW_UP_MOODS } from '../../../../shared/schedule.ts';
import type { RoomClient } from '../../room/room-client.ts';
import { moodText, promptText } from '../text/after.ts';

/**
 * "How are you doing?", at the top of the screen while a follow-up (or the partner's question)
 * waits for this person. One tap answers everything waiting, with an optional note.
 */
export function FollowUpPrompt({
  client,
  waiting,
}: {
  readonly client: RoomClient;
  readonly waiting: readonly FollowUpRef[];
}) {
  const copy = useStore(promptText);
  const moods = useStore(moodText);
  const [note, setNote] = useState('');
  const askedByPartner = waiting.some((ref) => ref.type === 'asked');
  const section = useRef<HTMLElement>(null);
  const waitingKey = JSON.stringify(waiting);

  // A question that arrives while the person is further down the screen would go unseen at the
  // top: bring it into view, unless they are typing somewhere (that would pull the field away).
  useEffect(() => {
    const element = section.current;
    if (element === null || typing(element)) return;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  }, [waitingKey]);

  const answer = (mood: FollowUpMood) => {
    if (client.answerFollowUp(waiting, mood, note)) setNote('');
  };

  return (
    <section ref={section} className="panel prompt" aria-labelledby="prompt-heading">
      <h2 id="prompt-heading" className="prompt__heading">
        {copy.heading}
      </h2>
      {askedByPartner && <p className="prompt__asked">{copy.asked}</p>}
      <label className="field">
        <span className="field__label">{copy.note}</span>
        <input
          className="field__input"
          type="text"
          value={note}
          maxLength={LIMITS.maxFollowUpNoteChars}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      <div className="prompt__moods">
        {FOLLOW_UP_MOODS.map((mood) => (
          <button
            key={mood}
            type="button"
            className={`button button--large prompt__mood prompt__mood--${mood}`}
            onClick={() => answer(mood)}
          >
            {moods[mood]}
          </button>
        ))}
      </div>
    </section>
  );
}

/** Whether a text field outside `prompt` has the focus. */
function typing(prompt: HTMLElement): boolean {
  const focused = document.activeElement;
  return (
    focused instanceof HTMLElement &&
    !prompt.contains(focused) &&
    focused.matches('input[type="text"], textarea, select')
  );
}
