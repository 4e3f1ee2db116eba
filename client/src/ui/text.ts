import { count, params } from '@nanostores/i18n';
import type { WishGroup, WishId } from '../../../shared/wishes.ts';
import type { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import type { SignalStatus } from '../../../shared/reducer.ts';
import { i18n } from '../i18n/i18n.ts';
import type { ClosedReason } from '../room/room-view.ts';
import type { AudienceChoice } from './after/select-value.ts';
import type { SendWarning } from './view-model.ts';

/**
 * Every word the app shows, by area, in English; other languages are catalogues in
 * client/src/locales/ with the same areas and keys. Components read an area with
 * `useStore(area)`, other code with `area.get()`. All of it is neutral: a stranger glancing at the
 * screen or the tab title learns nothing about what the two people are doing.
 */

/** The app's name: a name, the same in every language. */
export const appName = 'Tandem';
/** The tab's title while an alert waits: says only that the app wants attention. */
export const alertTitle = `(1) ${appName}`;

export const text = i18n('app', {
  tagline: 'A private check-in for two.',
  homeIntro:
    'Start a room and share the link with your partner. Either of you can ask to pause, slow down or check in, and the other phone shows it at once.',
  startRoom: 'Start a room',
  /** "Start a room" could not fetch what a room needs (out of reach, nothing cached yet). */
  startNotLoaded: 'Could not start a room: the server is out of reach. Try again.',
  returnToRoom: 'Back to your room',
  privacyNote: 'Everything you send is encrypted on this phone. The server only relays it.',
  opening: 'Opening the room…',
  reconnecting: 'Reconnecting…',
  reconnectingHint: 'Signals you send now go out as soon as this phone is back online.',
  unreachable: "Can't reach the server. Still trying…",
  backToStart: 'Back to the start',
  /** Leaves a room at once for a blank page; the room stays. */
  quickExit: 'Quick exit',
  /** A part of a screen that could not be fetched (the server out of reach). */
  partNotLoaded: 'This part could not load. Signals still work.',
  tryAgain: 'Try again',
  unsentSignalLost: 'Your last signal was not sent — check in out loud.',
  /** A signal the server refused for good: said until the person dismisses it. */
  notSent: 'Not sent — check in out loud',
  dismiss: 'Dismiss',
  startNewRoom: 'Start a new room',
  gotIt: 'Got it',
  moreWaiting: count({
    one: '{count} more from your partner',
    other: '{count} more from your partner',
  }),
  yourSignal: params('Your signal: {signal}'),
  partnerAnswered: params('Your partner: {answer}'),
});

export const noticeText = i18n('notice', {
  outdatedTitle: 'Tandem was updated — reload',
  outdatedBody: 'Your room, and anything you sent that has not gone yet, stay on this phone.',
  outdatedReload: 'Reload',
  insecureTitle: 'This page needs a secure connection',
  insecureBody: 'Open Tandem over https (or on localhost) so it can encrypt what you send.',
  invalidLinkTitle: 'This link is not complete',
  invalidLinkBody: 'Ask your partner to send the invite link again, or start a new room.',
});

/** Why a room closed, as a heading… */
export const closedTitles = i18n('closedTitle', {
  room_full: 'This room is full',
  room_gone: 'This room has ended',
  deleted: 'The room was deleted',
  unauthorized: 'This phone can no longer use this room',
  failed: 'Something went wrong',
} satisfies Record<ClosedReason, string>);

/** …and what it means and what to do. */
export const closedBodies = i18n('closedBody', {
  room_full: 'Two phones are already in this room. Ask your partner for a new invite link.',
  room_gone:
    'It was deleted, it expired, or the server was restarted. You can start a new room at any time.',
  deleted: 'Nothing of it is kept, on the server or on this phone.',
  unauthorized: 'Its saved seat does not match. Start a new room to carry on.',
  failed: 'The room could not be opened. Try again, or start a new room.',
} satisfies Record<ClosedReason, string>);

export const inviteText = i18n('invite', {
  heading: 'Invite your partner',
  linkLabel: 'Invite link',
  copy: 'Copy invite link',
  copied: 'Link copied',
  share: 'Share invite link',
  shareText: 'Join me on Tandem',
  qrAlt: 'Invite QR code',
  notice: 'Anyone with this link can join until your partner does.',
  waiting: 'Waiting for your partner to join…',
});

export const presenceText = i18n('presence', {
  here: 'Your partner is here',
  offline: "Your partner's phone is offline — check in out loud",
  notJoined: 'Your partner has not joined yet',
  youOffline: 'You are offline — check in out loud',
});

export const sessionText = i18n('session', {
  notStarted: 'Ready when you are',
  notStartedHint: 'Signals already work. Starting the session is optional.',
  inProgress: 'Session in progress',
  start: 'Start session',
  end: 'End session',
});

export const signalText = i18n('signals', {
  pause: 'Pause',
  slow_down: 'Slow down',
  check_in: 'Check in',
} satisfies Record<SignalKind, string>);

export const alertDetailText = i18n('alertDetail', {
  pause: 'Your partner asked to pause.',
  slow_down: 'Your partner asked to slow down.',
  check_in: 'How are you?',
} satisfies Record<SignalKind, string>);

export const answerText = i18n('answers', {
  okay: "I'm okay",
  slow_down: 'Slow down',
  pause: 'Pause',
} satisfies Record<CheckInAnswer, string>);

export const statusText = i18n('status', {
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  seen: 'Seen',
  answered: 'Answered',
} satisfies Record<SignalStatus | 'sending', string>);

export const sendWarningText = i18n('sendWarnings', {
  self_offline: 'Not sent yet: this phone is offline — check in out loud.',
  partner_offline: 'Their phone is offline — check in out loud.',
  not_seen: 'Not seen yet — check in out loud.',
} satisfies Record<SendWarning, string>);

export const checklistText = i18n('checklist', {
  heading: 'Aftercare',
  intro: 'Tick things off together. Ticks show on both phones.',
  newItemLabel: 'New item',
  audienceLabel: 'For',
  add: 'Add item',
});

/** The catalogue's wishes, as the wishes editor and the plan word them. */
export const wishLabelText = i18n('wishLabels', {
  water: 'Water',
  snack: 'A snack',
  warmth: 'Warmth or a blanket',
  rest: 'Rest',
  shower: 'A shower',
  marks: 'Tending to marks or sore spots',
  hug: 'A hug',
  hold_hands: 'Holding hands',
  stay_close: 'Staying close',
  reassurance: 'Reassurance',
  talk: 'Talking it through',
  quiet: 'Quiet',
  alone: 'Time alone',
  message_later: 'A message later',
} satisfies Record<WishId, string>);

/** The catalogue's groups, as the wishes editor, the partner's wishes and the plan head them. */
export const wishGroupText = i18n('wishGroups', {
  body: 'Body',
  closeness: 'Closeness',
  words: 'Words',
  space: 'Space',
} satisfies Record<WishGroup, string>);

/** Whom a new item is for, as the add form offers it. */
export const audienceText = i18n('audience', {
  both: 'Both of us',
  me: 'Me',
  partner: 'My partner',
} satisfies Record<AudienceChoice, string>);

/** Whom an item is for, seen from this phone. */
export type AudienceTag = 'both' | 'you' | 'partner';

/** Whom an item is for, as its tag says it to this person (see PlanItem's `tagKind`). */
export const audienceTagText = i18n('audienceTag', {
  both: 'for both',
  you: 'for you',
  partner: 'for your partner',
} satisfies Record<AudienceTag, string>);

export const deleteText = i18n('deleteRoom', {
  deleteRoom: 'Delete room',
  confirm: 'Delete this room for both of you? This cannot be undone.',
  confirmYes: 'Yes, delete it',
  cancel: 'Keep the room',
  failed: 'Could not reach the server. Try again when you are online.',
});

/** The "Language" switch; each language's own name is in i18n/languages.ts, never translated. */
export const languageText = i18n('language', {
  label: 'Language',
  matchPhone: 'Match this phone',
});
