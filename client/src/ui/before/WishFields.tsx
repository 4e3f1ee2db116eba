import { useStore } from '@nanostores/react';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Afterwards } from '../../../../shared/wishes.ts';
import { AFTERWARDS, WISH_CATALOGUE, WISH_GROUPS } from '../../../../shared/wishes.ts';
import type { WishChoice } from '../../room/room-client.ts';
import { wishGroupText, wishLabelText } from '../text.ts';
import { afterwardsText, wishesText } from '../text/before.ts';
import type { AddOwnResult } from './wish-choice.ts';
import { addOwnWish, withAfterwards, withWish, withoutOwnWish } from './wish-choice.ts';

/** The parts of the wishes editor. Each shows `choice` and hands every edit to `change`. */
interface FieldProps {
  readonly choice: WishChoice;
  readonly change: (next: WishChoice) => void;
}

/** The catalogue, one fieldset per group, each wish a large tappable chip. */
export function CatalogueFields({ choice, change }: FieldProps) {
  const groupNames = useStore(wishGroupText);
  const wishLabels = useStore(wishLabelText);
  const picked = new Set(choice.wishes);
  return WISH_GROUPS.map((group) => (
    <fieldset key={group} className="wish-group">
      <legend className="wish-group__legend">{groupNames[group]}</legend>
      <div className="chips">
        {WISH_CATALOGUE.filter((wish) => wish.group === group).map(({ id }) => (
          <label key={id} className="chip">
            <input
              type="checkbox"
              className="chip__box"
              checked={picked.has(id)}
              onChange={(event) => change(withWish(choice, id, event.currentTarget.checked))}
            />
            <span className="chip__label">{wishLabels[id]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  ));
}

type OwnProblem = Exclude<AddOwnResult, { ok: true }>['error'];

/** The person's own words: added one at a time, each removable, repeats and overflow refused. */
export function OwnWishesField({ choice, change }: FieldProps) {
  const t = useStore(wishesText);
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
      ? t.ownDuplicate
      : problem === 'full' || full
        ? t.ownFull({ max: LIMITS.maxOwnWishes })
        : null;

  return (
    <div className="own">
      <form className="own__add" onSubmit={add}>
        <label className="field">
          <span className="field__label">{t.ownLabel}</span>
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
          {t.add}
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
                aria-label={t.remove({ label: own })}
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
  const t = useStore(wishesText);
  const names = useStore(afterwardsText);
  return (
    <fieldset className="wish-group">
      <legend className="wish-group__legend">{t.afterwardsLegend}</legend>
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
            <span className="segment__label">{names[value]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
