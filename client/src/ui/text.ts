import type { ItemAudience } from '../../../shared/content.ts';
import type { WishGroup, WishId } from '../../../shared/wishes.ts';
import type { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import type { SignalStatus } from '../../../shared/reducer.ts';
import type { SendWarning } from './view-model.ts';

/**
 * Every word the app shows, in one place. All of it is neutral: a stranger glancing at the screen
 * or the tab title learns nothing about what the two people are doing.
 */
export const text = {
  appName: 'Tandem',
  /** The tab's title while an alert waits: says only that the app wants attention. */
  alertTitle: '(1) Tandem',
  tagline: 'A private check-in for two.',
  homeIntro:
    'Start a room and share the link with your partner. Either of you can ask to pause, slow down or check in, and the other phone shows it at once.',
  startRoom: 'Start a room',
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
  outdated: {
    title: 'Tandem was updated — reload',
    body: 'Your room, and anything you sent that has not gone yet, stay on this phone.',
    reload: 'Reload',
  },
  insecure: {
    title: 'This page needs a secure connection',
    body: 'Open Tandem over https (or on localhost) so it can encrypt what you send.',
  },
  invalidLink: {
    title: 'This link is not complete',
    body: 'Ask your partner to send the invite link again, or start a new room.',
  },
  closed: {
    room_full: {
      title: 'This room is full',
      body: 'Two phones are already in this room. Ask your partner for a new invite link.',
    },
    room_gone: {
      title: 'This room has ended',
      body: 'It was deleted, it expired, or the server was restarted. You can start a new room at any time.',
    },
    deleted: {
      title: 'The room was deleted',
      body: 'Nothing of it is kept, on the server or on this phone.',
    },
    unauthorized: {
      title: 'This phone can no longer use this room',
      body: 'Its saved seat does not match. Start a new room to carry on.',
    },
    failed: {
      title: 'Something went wrong',
      body: 'The room could not be opened. Try again, or start a new room.',
    },
  },
  startNewRoom: 'Start a new room',
  invite: {
    heading: 'Invite your partner',
    linkLabel: 'Invite link',
    copy: 'Copy invite link',
    copied: 'Link copied',
    share: 'Share invite link',
    shareTitle: 'Tandem',
    shareText: 'Join me on Tandem',
    qrAlt: 'Invite QR code',
    notice: 'Anyone with this link can join until your partner does.',
    waiting: 'Waiting for your partner to join…',
  },
  presence: {
    here: 'Your partner is here',
    offline: "Your partner's phone is offline — check in out loud",
    notJoined: 'Your partner has not joined yet',
    youOffline: 'You are offline — check in out loud',
  },
  session: {
    notStarted: 'Ready when you are',
    notStartedHint: 'Signals already work. Starting the session is optional.',
    inProgress: 'Session in progress',
    start: 'Start session',
    end: 'End session',
  },
  signals: {
    pause: 'Pause',
    slow_down: 'Slow down',
    check_in: 'Check in',
  } satisfies Record<SignalKind, string>,
  alertDetail: {
    pause: 'Your partner asked to pause.',
    slow_down: 'Your partner asked to slow down.',
    check_in: 'How are you?',
  } satisfies Record<SignalKind, string>,
  gotIt: 'Got it',
  moreWaiting: (count: number) => `${count} more from your partner`,
  answers: {
    okay: "I'm okay",
    slow_down: 'Slow down',
    pause: 'Pause',
  } satisfies Record<CheckInAnswer, string>,
  status: {
    sending: 'Sending…',
    sent: 'Sent',
    delivered: 'Delivered',
    seen: 'Seen',
    answered: 'Answered',
  } satisfies Record<SignalStatus | 'sending', string>,
  yourSignal: (signal: string) => `Your signal: ${signal}`,
  partnerAnswered: (answer: string) => `Your partner: ${answer}`,
  sendWarnings: {
    self_offline: 'Not sent yet: this phone is offline — check in out loud.',
    partner_offline: 'Their phone is offline — check in out loud.',
    not_seen: 'Not seen yet — check in out loud.',
  } satisfies Record<SendWarning, string>,
  checklist: {
    heading: 'Aftercare',
    intro: 'Tick things off together. Ticks show on both phones.',
    newItemLabel: 'New item',
    audienceLabel: 'For',
    add: 'Add item',
  },
  /** The catalogue's wishes, as the wishes editor and the plan word them. */
  wishLabels: {
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
  } satisfies Record<WishId, string>,
  /** The catalogue's groups, as the wishes editor, the partner's wishes and the plan head them. */
  wishGroups: {
    body: 'Body',
    closeness: 'Closeness',
    words: 'Words',
    space: 'Space',
  } satisfies Record<WishGroup, string>,
  audience: {
    both: 'Both of us',
    me: 'Me',
    partner: 'My partner',
  },
  audienceTag: (audience: ItemAudience, mySeatAudience: ItemAudience): string =>
    audience === 'both' ? 'for both' : audience === mySeatAudience ? 'for you' : 'for your partner',
  deleteRoom: 'Delete room',
  deleteConfirm: 'Delete this room for both of you? This cannot be undone.',
  deleteConfirmYes: 'Yes, delete it',
  deleteCancel: 'Keep the room',
  deleteFailed: 'Could not reach the server. Try again when you are online.',
} as const;
