import type { WishGroup } from '../../../../shared/wishes.ts';
import { text } from '../text.ts';
import type { FollowUpFirst, FollowUpMood } from '../../../../shared/schedule.ts';

/**
 * The words of the screens after the session: the plan, the reflection and the follow-up. Neutral,
 * like every word of the app (see text.ts): a glance at the screen tells a stranger nothing.
 */
export const afterText = {
  plan: {
    /** Who asked for space afterwards, said plainly at the top of the plan. */
    space: {
      partner: 'Your partner asked for some space afterwards.',
      you: 'You asked for some space afterwards.',
      both: 'You both asked for some space afterwards.',
    },
    progress: (done: number, total: number) => `${done} of ${total} done`,
    /** Minutes since the end; hours once it is past an hour. */
    timer: (minutes: number) =>
      minutes < 60
        ? `Aftercare: ${minutes} min`
        : `Aftercare: ${Math.floor(minutes / 60)} h ${minutes % 60} min`,
    groups: { ...text.wishGroups, other: 'Other' } satisfies Record<WishGroup | 'other', string>,
  },
  reflection: {
    heading: 'Reflection',
    intro: 'Your answers stay hidden until you have both shared, so neither of you is swayed.',
    good: 'What felt good?',
    change: 'What would you change?',
    share: 'Share reflection',
    notShared: 'Not shared — try again',
    waiting: "Shared — your partner's answers show once they share theirs",
    partnerShared: 'Your partner has shared their reflection',
    showMine: 'Show mine now',
    shownToPartner: 'Your partner can read your answers.',
    yours: 'Your answers',
    theirs: "Your partner's answers",
    opening: 'Opening…',
    partnerKeyComing: "Your partner's answers show as soon as their phone is online.",
    couldNotOpen: 'These answers could not be opened.',
    blank: 'Left blank',
  },
  followUp: {
    heading: 'Checking in later',
    intro: 'Low moods can come a day or two later. Tandem asks you both how you are.',
    choice: 'Follow-up check-in',
    options: {
      off: 'Off',
      hours: 'In a few hours',
      day1: 'Tomorrow',
      day2: 'In two days',
    } satisfies Record<FollowUpFirst, string>,
    alsoLater: 'Also on day 3 and day 7',
    next: (when: string) => `Next check-in: ${when}`,
    ask: 'Ask how they are',
    asked: 'Asked — waiting for an answer',
    calendar: 'Add to calendar',
    partnerAnswer: (mood: string) => `Your partner: ${mood}`,
    partnerAnswersLabel: "Your partner's answers",
  },
  prompt: {
    heading: 'How are you doing?',
    asked: 'Your partner asked how you are.',
    note: 'Add a note (optional)',
    moods: {
      okay: "I'm okay",
      low: "I'm a bit low",
      care: 'I could use some care',
    } satisfies Record<FollowUpMood, string>,
  },
} as const;

/** A moment as this phone's person reads it: the weekday and the time, in their own locale. */
export const whenText = (at: number): string =>
  new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
