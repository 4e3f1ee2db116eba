import { params } from '@nanostores/i18n';
import type { FollowUpFirst, FollowUpMood } from '../../../../shared/schedule.ts';
import { i18n } from '../../i18n/i18n.ts';
import type { SpaceAsk } from '../after/plan-view.ts';

/**
 * The words of the screens after the session: the plan, the reflection and the follow-up. Neutral,
 * like every word of the app (see text.ts): a glance at the screen tells a stranger nothing.
 */
export const planText = i18n('plan', {
  progress: params('{done} of {total} done'),
  /** Minutes since the end; hours and minutes once it is past an hour (see `aftercareTimer`). */
  timerMinutes: params('Aftercare: {minutes} min'),
  timerHours: params('Aftercare: {hours} h {minutes} min'),
  /** The heading of items that are not from the wish catalogue. */
  otherGroup: 'Other',
});

/** Who asked for space afterwards, said plainly at the top of the plan. */
export const spaceText = i18n('planSpace', {
  partner: 'Your partner asked for some space afterwards.',
  you: 'You asked for some space afterwards.',
  both: 'You both asked for some space afterwards.',
} satisfies Record<SpaceAsk, string>);

/** The plan's timer in `t`'s words: minutes, then hours and minutes once past an hour. */
export const aftercareTimer = (t: ReturnType<typeof planText.get>, minutes: number): string =>
  minutes < 60
    ? t.timerMinutes({ minutes })
    : t.timerHours({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });

export const reflectionText = i18n('reflection', {
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
});

export const followUpText = i18n('followUp', {
  heading: 'Checking in later',
  intro: 'Low moods can come a day or two later. Tandem asks you both how you are.',
  choice: 'Follow-up check-in',
  alsoLater: 'Also on day 3 and day 7',
  next: params('Next check-in: {when}'),
  ask: 'Ask how they are',
  asked: 'Asked — waiting for an answer',
  calendar: 'Add to calendar',
  /** The calendar reminder's title and alarm (calendar-file.ts): nothing but these words. */
  calendarTitle: 'Check in',
  partnerAnswer: params('Your partner: {mood}'),
  partnerAnswersLabel: "Your partner's answers",
});

export const followUpOptionText = i18n('followUpOptions', {
  off: 'Off',
  hours: 'In a few hours',
  day1: 'Tomorrow',
  day2: 'In two days',
} satisfies Record<FollowUpFirst, string>);

export const promptText = i18n('prompt', {
  heading: 'How are you doing?',
  asked: 'Your partner asked how you are.',
  note: 'Add a note (optional)',
});

export const moodText = i18n('moods', {
  okay: "I'm okay",
  low: "I'm a bit low",
  care: 'I could use some care',
} satisfies Record<FollowUpMood, string>);

/**
 * A moment as this phone's person reads it: the weekday and the time, in `language`. When that is
 * the phone's own language its regional tag is kept (an English phone in Britain reads 24-hour
 * time), else the bare language decides.
 */
export function whenText(at: number, language: string): string {
  const phone = typeof navigator === 'undefined' ? '' : navigator.language;
  const tag = phone.toLowerCase().split('-')[0] === language ? phone : language;
  return new Intl.DateTimeFormat(tag, {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}
