import { useStore } from '@nanostores/react';
import { LANGUAGE_NAMES, LANGUAGES, parseChoice } from '../../i18n/languages.ts';
import { chooseLanguage, languageChoice } from '../../i18n/locale.ts';
import { languageText } from '../text.ts';

/** The <option> value of "Match this phone": no language kept, the phone's own decides. */
const MATCH_PHONE = '';

/**
 * "Language": each language listed in its own name, so someone who cannot read the words shown
 * still finds theirs, plus "Match this phone". The choice applies at once and is kept on this
 * phone (i18n/locale.ts).
 */
export function LanguageSetting() {
  const t = useStore(languageText);
  const chosen = useStore(languageChoice);
  return (
    <label className="field settings__field">
      <span className="field__label">{t.label}</span>
      <select
        className="field__input"
        value={chosen ?? MATCH_PHONE}
        onChange={(event) => {
          chooseLanguage(parseChoice(event.currentTarget.value));
        }}
      >
        <option value={MATCH_PHONE}>{t.matchPhone}</option>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
