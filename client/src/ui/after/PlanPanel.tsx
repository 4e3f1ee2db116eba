import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { seatAudience } from '../../../../shared/content.ts';
import type { Seat } from '../../../../shared/ids.ts';
import { otherSeat } from '../../../../shared/ids.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { RoomClient, RoomView } from '../../room/room-client.ts';
import { text } from '../text.ts';
import { displayedChecked, itemLabel, queuedItems } from '../view-model.ts';

type Choice = keyof typeof text.audience;

export function PlanPanel({
  client,
  view,
  seat,
}: {
  readonly client: RoomClient;
  readonly view: RoomView;
  readonly seat: Seat;
}) {
  const [label, setLabel] = useState('');
  const [choice, setChoice] = useState<Choice>('both');
  const mine = seatAudience(seat);
  const pending = queuedItems(view);

  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '') return;
    const audience =
      choice === 'both' ? 'both' : choice === 'me' ? mine : seatAudience(otherSeat(seat));
    if (client.addChecklistItem(trimmed, audience)) setLabel('');
  };

  return (
    <section className="panel checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{text.checklist.heading}</h2>
      <p className="checklist__intro">{text.checklist.intro}</p>
      <ul className="checklist__items">
        {view.room.checklist.map((item) => {
          const checked = displayedChecked(view, item);
          return (
            <li key={item.id} className={`item${checked ? ' item--checked' : ''}`}>
              <input
                id={`item-${item.id}`}
                className="item__box"
                type="checkbox"
                checked={checked}
                aria-describedby={`item-${item.id}-for`}
                onChange={(event) => client.setItemChecked(item.id, event.currentTarget.checked)}
              />
              <label htmlFor={`item-${item.id}`} className="item__label">
                {itemLabel(item)}
              </label>
              <span id={`item-${item.id}-for`} className="item__tag">
                {text.audienceTag(item.audience, mine)}
              </span>
            </li>
          );
        })}
        {pending.map((item) => (
          <li key={item.id} className="item item--pending" aria-busy="true">
            <span className="item__label">{item.label}</span>
            <span className="item__tag">{text.status.sending}</span>
          </li>
        ))}
      </ul>
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
    </section>
  );
}
