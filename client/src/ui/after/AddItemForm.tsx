import { useStore } from '@nanostores/react';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import type { Seat } from '../../../../shared/ids.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { RoomClient } from '../../room/room-client.ts';
import { audienceText, checklistText } from '../text.ts';
import type { AudienceChoice } from './select-value.ts';
import { AUDIENCE_CHOICES, audienceChoiceOf, itemAudienceOf } from './select-value.ts';

/** Adds an item to the plan, for this person, their partner or both. */
export function AddItemForm({
  client,
  seat,
}: {
  readonly client: RoomClient;
  readonly seat: Seat;
}) {
  const t = useStore(checklistText);
  const audience = useStore(audienceText);
  const [label, setLabel] = useState('');
  const [choice, setChoice] = useState<AudienceChoice>('both');

  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '') return;
    if (client.addChecklistItem(trimmed, itemAudienceOf(choice, seat))) setLabel('');
  };

  return (
    <form className="checklist__add" onSubmit={add}>
      <label className="field">
        <span className="field__label">{t.newItemLabel}</span>
        <input
          className="field__input"
          type="text"
          value={label}
          maxLength={LIMITS.maxItemLabelChars}
          onChange={(event) => setLabel(event.currentTarget.value)}
        />
      </label>
      <label className="field field--compact">
        <span className="field__label">{t.audienceLabel}</span>
        <select
          className="field__input"
          value={choice}
          onChange={(event) => {
            const picked = audienceChoiceOf(event.currentTarget.value);
            if (picked !== null) setChoice(picked);
          }}
        >
          {AUDIENCE_CHOICES.map((key) => (
            <option key={key} value={key}>
              {audience[key]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={label.trim() === ''}>
        {t.add}
      </button>
    </form>
  );
}
