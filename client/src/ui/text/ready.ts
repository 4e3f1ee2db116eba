/**
 * The words of the ready check and the "Sound" setting (issue 15). Neutral like the rest (see
 * text.ts): they say what the phones do, never what the room is for. The e2e tests find the
 * button, the switch, the alert and the verdict by these exact words.
 */
export const readyText = {
  heading: 'Ready check',
  intro:
    'Before you start, make sure a signal really gets through: each phone sends a test, and the other taps “Got it”.',
  /** The button that sends a test alert to the partner's phone. */
  testAlerts: 'Test alerts',
  /** Each row's state, in words as well as the mark. */
  ready: 'Ready',
  notYet: 'Not yet',
  rows: {
    partner: 'Partner connected',
    screen: 'Screen kept on',
    sound: 'Sound on',
    test: "Test alert received on your partner's phone",
  },
  screenState: {
    kept_on: 'Ready: kept on while the session runs',
    off: 'Off: “Keep screen on” is off on this phone',
    unsupported: 'This browser cannot keep the screen on',
  },
  soundState: {
    off: 'Off',
    unavailable: 'This browser cannot play sound',
  },
  testState: {
    sending: 'Sending…',
    waiting: 'Waiting for “Got it”',
  },
  bothReady: 'Both phones ready',
  /** Said until both have passed: what is still missing. */
  notBothReady: 'Not ready yet',
  /** Screen and sound do not gate the check; this says why they still matter. */
  optionalNote: 'Screen and sound are up to you: alerts still show and vibrate without them.',
  alert: {
    /** The test alert's heading: the alert's text must say it is a test. */
    title: 'Test alert',
    detail: 'Your partner is testing alerts. A real signal shows like this.',
  },
  sound: {
    /** The switch's accessible name. */
    label: 'Sound',
    hint: 'Alerts also play a tone on this phone. Off until you turn it on.',
    unavailable: 'This browser cannot play sound. Alerts still show and vibrate.',
  },
} as const;
