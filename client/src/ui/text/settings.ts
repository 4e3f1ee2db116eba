import { i18n } from '../../i18n/i18n.ts';

/**
 * The words of the Settings section (issue 15, one hand, low light, any eyes). Neutral like the
 * rest (see text.ts). The e2e tests find the select by "Theme" (in English).
 */
export const settingsText = i18n('settings', {
  heading: 'Settings',
  theme: 'Theme',
  themeSystem: 'Match this phone',
  themeDark: 'Dark',
  themeLight: 'Light',
});
