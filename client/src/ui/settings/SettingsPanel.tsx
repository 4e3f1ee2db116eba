import { useStore } from '@nanostores/react';
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
import { LanguageSetting } from './LanguageSetting.tsx';
import './settings.css';

/**
 * Settings kept on this phone, on the start screen and in the room. A plain list: each setting is
 * one labelled control in its own item. Sound sits with the ready check and the session, where it
 * is tried.
 */
export function SettingsPanel() {
  const t = useStore(settingsText);
  const headingId = useId();
  return (
    <section className="panel settings" aria-labelledby={headingId}>
      <h2 id={headingId} className="settings__heading">
        {t.heading}
      </h2>
      <ul className="settings__list">
        <li className="settings__item">
          <ThemeSetting />
        </li>
        <li className="settings__item">
          <LanguageSetting />
        </li>
      </ul>
    </section>
  );
}

function ThemeSetting() {
  const t = useStore(settingsText);
  const names: Record<ThemeChoice, string> = {
    system: t.themeSystem,
    dark: t.themeDark,
    light: t.themeLight,
  };
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice(browserStorage()));
  const choose = (next: ThemeChoice) => {
    setChoice(next);
    rememberThemeChoice(browserStorage(), next);
    applyTheme(next);
  };
  return (
    <label className="field settings__field">
      <span className="field__label">{t.theme}</span>
      <select
        className="field__input"
        value={choice}
        onChange={(event) => choose(parseThemeChoice(event.currentTarget.value))}
      >
        {THEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {names[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
