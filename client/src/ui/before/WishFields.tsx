import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Afterwards } from '../../../../shared/wishes.ts';
import { AFTERWARDS, WISH_CATALOGUE, WISH_GROUPS } from '../../../../shared/wishes.ts';
import type { WishChoice } from '../../room/room-client.ts';
import { text } from '../text.ts';
import { beforeText } from '../text/before.ts';
import type { AddOwnResult } from './wish-choice.ts';
import { addOwnWish, withAfterwards, withWish, withoutOwnWish } from './wish-choice.ts';

/** The parts of the wishes editor. Each shows `choice` and hands every edit to `change`. */
interface FieldProps {
  readonly choice: WishChoice;
  readonly change: (next: WishChoice) => void;
}

/** The catalogue, one fieldset per group, each wish a large tappable chip. */
export function CatalogueFields({ choice, change }: FieldProps) {
  const picked = new Set(choice.wishes);
  return WISH_GROUPS.map((group) => (
    <fieldset key={group} className="wish-group">
      <legend className="wish-group__legend">{text.wishGroups[group]}</legend>
      <div className="chips">
        {WISH_CATALOGUE.filter((wish) => wish.group === group).map(({ id }) => (
          <label key={id} className="chip">
            <input
              type="checkbox"
              className="chip__box"
              checked={picked.has(id)}
              onChange={(event) => change(withWish(choice, id, event.currentTarget.checked))}
            />
            <span className="chip__label">{text.wishLabels[id]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  ));
}

type OwnProblem = Exclude<AddOwnResult, { ok: true }>['error'];

/** The person's own words: added one at a time, each removable, repeats and overflow refused. */
export function OwnWishesField({ choice, change }: FieldProps) {
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<OwnProblem | null>(null);
  const full = choice.own.length >= LIMITS.maxOwnWishes;

  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    const result = addOwnWish(choice, label);
    if (result.ok) {
      change(result.choice);
      setLabel('');
      setProblem(null);
    } else {
      setProblem(result.error);
    }
  };

  const message =
    problem === 'duplicate'
      ? beforeText.wishes.ownDuplicate
      : problem === 'full' || full
        ? beforeText.wishes.ownFull(LIMITS.maxOwnWishes)
        : null;

  return (
    <div className="own">
      <form className="own__add" onSubmit={add}>
        <label className="field">
          <span className="field__label">{beforeText.wishes.ownLabel}</span>
          <input
            className="field__input"
            type="text"
            value={label}
            maxLength={LIMITS.maxItemLabelChars}
            disabled={full}
            enterKeyHint="done"
            onChange={(event) => {
              setLabel(event.currentTarget.value);
              setProblem(null);
            }}
          />
        </label>
        <button type="submit" className="button own__button" disabled={full || label.trim() === ''}>
          {beforeText.wishes.add}
        </button>
      </form>
      <p className="own__problem" role="status">
        {message}
      </p>
      {choice.own.length > 0 && (
        <ul className="own__list">
          {choice.own.map((own) => (
            <li key={own} className="own__item">
              <span className="own__label">{own}</span>
              <button
                type="button"
                className="own__remove"
                aria-label={beforeText.wishes.remove(own)}
                onClick={() => change(withoutOwnWish(choice, own))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Company, space or either: a radio group, one tap each; no choice at all is fine too. */
export function AfterwardsField({ choice, change }: FieldProps) {
  return (
    <fieldset className="wish-group">
      <legend className="wish-group__legend">{beforeText.wishes.afterwardsLegend}</legend>
      <div className="segments">
        {AFTERWARDS.map((value: Afterwards) => (
          <label key={value} className="segment">
            <input
              type="radio"
              className="segment__radio"
              name="afterwards"
              value={value}
              checked={choice.afterwards === value}
              onChange={() => change(withAfterwards(choice, value))}
            />
            <span className="segment__tick" aria-hidden="true">
              ✓
            </span>
            <span className="segment__label">{beforeText.wishes.afterwards[value]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
