import { count, params } from '@nanostores/i18n';
import type { CheckInInterval } from '../../../../shared/schedule.ts';
import type { Afterwards } from '../../../../shared/wishes.ts';
import { i18n } from '../../i18n/i18n.ts';
import type { ShareStatus } from '../before/wishes-view.ts';

/**
 * The words of the screens before and during a session: the wishes editor, the partner's wishes,
 * regular check-ins and their prompt. Neutral like the rest (see text.ts); the catalogue's own
 * words and group headings are `wishLabelText` and `wishGroupText` in text.ts, shared with the plan.
 */
export const wishesText = i18n('wishes', {
  /** The button that opens the editor, and the editor's heading. */
  open: 'Aftercare wishes',
  intro:
    'What helps you afterwards? Pick anything that fits. Your partner sees it only once you share it.',
  ownLabel: 'Something else that helps',
  add: 'Add',
  remove: params('Remove {label}'),
  ownFull: params('That is the most you can add ({max}).'),
  ownDuplicate: 'That one is already on your list.',
  afterwardsLegend: "Afterwards I'd like",
  remember: 'Remember my wishes on this phone',
  rememberHint: 'Kept in this browser only, never sent. The next room starts from them.',
  share: 'Share with my partner',
  fromRemembered: 'Filled in from the wishes this phone remembers.',
  /** A one-line summary on the closed editor (none picked is `nothingPicked`). */
  nothingPicked: 'Nothing picked yet',
  summary: count({ one: '{count} thing picked', other: '{count} things picked' }),
});

/** What this person would like afterwards, as the editor's choice names it. */
export const afterwardsText = i18n('afterwards', {
  company: 'Company',
  space: 'Space',
  either: 'Either',
} satisfies Record<Afterwards, string>);

/** Where the editor's words stand with the partner. */
export const wishesStatusText = i18n('wishesStatus', {
  notShared: 'Not shared yet',
  sharing: 'Sharing…',
  shared: 'Shared with your partner',
  changed: 'Changes not shared yet',
} satisfies Record<ShareStatus, string>);

export const partnerWishesText = i18n('partnerWishes', {
  heading: "Your partner's wishes",
  ownGroup: 'In their words',
  nothingPicked: 'They shared no wishes from the list.',
  afterwards: params("Afterwards they'd like: {what}"),
});

/** The partner's afterwards choice, as it reads inside `partnerWishesText.afterwards`. */
export const afterwardsWordsText = i18n('afterwardsWords', {
  company: 'company',
  space: 'space',
  either: 'either company or space',
} satisfies Record<Afterwards, string>);

export const regularText = i18n('regular', {
  label: 'Regular check-ins',
  hint: 'While the session runs, both phones ask “Check in” at each interval.',
  waiting: 'Waiting for your partner to answer the check-in…',
  unanswered: 'Your partner has not answered the check-in — check in out loud',
});

export const regularOptionText = i18n('regularOptions', {
  0: 'Off',
  10: 'Every 10 minutes',
  15: 'Every 15 minutes',
  20: 'Every 20 minutes',
  30: 'Every 30 minutes',
} satisfies Record<CheckInInterval, string>);

export const roundText = i18n('round', {
  title: 'Check in',
  detail: 'Time for your regular check-in. How are you?',
});
