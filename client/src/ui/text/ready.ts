import { i18n } from '../../i18n/i18n.ts';

/**
 * The words of the ready check and the "Sound" setting (issue 15). Neutral like the rest (see
 * text.ts): they say what the phones do, never what the room is for. The e2e tests find the
 * button, the switch, the alert and the verdict by these exact words (in English).
 */
export const readyText = i18n('ready', {
  heading: 'Ready check',
  intro:
    'Before you start, make sure a signal really gets through: each phone sends a test, and the other taps “Got it”.',
  testAlerts: 'Test alerts',
  ready: 'Ready',
  notYet: 'Not yet',
  rowPartner: 'Partner connected',
  rowScreen: 'Screen kept on',
  rowSound: 'Sound on',
  rowTest: "Test alert received on your partner's phone",
  screenKeptOn: 'Ready: kept on while the session runs',
  screenOff: 'Off: “Keep screen on” is off on this phone',
  screenUnsupported: 'This browser cannot keep the screen on',
  soundOff: 'Off',
  soundUnavailable: 'This browser cannot play sound',
  testSending: 'Sending…',
  testWaiting: 'Waiting for “Got it”',
  bothReady: 'Both phones ready',
  notBothReady: 'Not ready yet',
  optionalNote: 'Screen and sound are up to you: alerts still show and vibrate without them.',
  alertTitle: 'Test alert',
  alertDetail: 'Your partner is testing alerts. A real signal shows like this.',
  soundLabel: 'Sound',
  soundHint: 'Alerts also play a tone on this phone. Off until you turn it on.',
  soundUnavailableHint: 'This browser cannot play sound. Alerts still show and vibrate.',
});
