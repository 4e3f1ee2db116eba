import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { seatAudience } from '../../../../shared/content.ts';
import type { Seat } from '../../../../shared/ids.ts';
import { otherSeat } from '../../../../shared/ids.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { RoomClient } from '../../room/room-client.ts';
import { text } from '../text.ts';

type Choice = keyof typeof text.audience;

/** Adds an item to the plan, for this person, their partner or both. */
export function AddItemForm({
  client,
  seat,
}: {
  readonly client: RoomClient;
  readonly seat: Seat;
}) {
  const [label, setLabel] = useState('');
  const [choice, setChoice] = useState<Choice>('both');

  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '') return;
    const audience =
      choice === 'both' ? 'both' : seatAudience(choice === 'me' ? seat : otherSeat(seat));
    if (client.addChecklistItem(trimmed, audience)) setLabel('');
  };

  return (
    <form className="checklist__add" onSubmit={add}>
      <label className="field">
        <span className="field__label">{text.checklist.newItemLabel}</span>
        <input
          className="field__input"
          type="text"
          value={label}
          maxLength={LIMITS.maxItemLabelChars}
          onChange={(event) => setLabel(event.currentTarget.value)}
        />
      </label>
      <label className="field field--compact">
        <span className="field__label">{text.checklist.audienceLabel}</span>
        <select
          className="field__input"
          value={choice}
          onChange={(event) => setChoice(event.currentTarget.value as Choice)}
        >
          {(Object.keys(text.audience) as Choice[]).map((key) => (
            <option key={key} value={key}>
              {text.audience[key]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={label.trim() === ''}>
        {text.checklist.add}
      </button>
    </form>
  );
}
