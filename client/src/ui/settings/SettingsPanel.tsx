import { useId, useState } from 'react';
import { browserStorage } from '../../room/storage.ts';
import { settingsText } from '../text/settings.ts';
import { applyTheme } from '../theme/apply-theme.ts';
import type { ThemeChoice } from '../theme/theme-choice.ts';
import {
  THEME_CHOICES,
  parseThemeChoice,
  readThemeChoice,
  rememberThemeChoice,
} from '../theme/theme-choice.ts';
import './settings.css';

/**
 * Settings kept on this phone, on the start screen and in the room. A plain list: each setting is
 * one labelled control in its own item (Language and Sound join Theme here).
 */
export function SettingsPanel() {
  const headingId = useId();
  return (
    <section className="panel settings" aria-labelledby={headingId}>
      <h2 id={headingId} className="settings__heading">
        {settingsText.heading}
      </h2>
      <ul className="settings__list">
        <li className="settings__item">
          <ThemeSetting />
        </li>
      </ul>
    </section>
  );
}

function ThemeSetting() {
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice(browserStorage()));
  const choose = (next: ThemeChoice) => {
    setChoice(next);
    rememberThemeChoice(browserStorage(), next);
    applyTheme(next);
  };
  return (
    <label className="field settings__field">
      <span className="field__label">{settingsText.theme}</span>
      <select
        className="field__input"
        value={choice}
        onChange={(event) => choose(parseThemeChoice(event.currentTarget.value))}
      >
        {THEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {settingsText.themes[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
