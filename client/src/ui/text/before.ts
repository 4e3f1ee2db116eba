import type { CheckInInterval } from '../../../../shared/schedule.ts';
import type { Afterwards } from '../../../../shared/wishes.ts';

/**
 * The words of the screens before and during a session: the wishes editor, the partner's wishes,
 * regular check-ins and their prompt. Neutral like the rest (see text.ts); the catalogue's own
 * words and group headings are `text.wishLabels` and `text.wishGroups`, shared with the plan.
 */
export const beforeText = {
  wishes: {
    /** The button that opens the editor, and the editor's heading. */
    open: 'Aftercare wishes',
    intro:
      'What helps you afterwards? Pick anything that fits. Your partner sees it only once you share it.',
    ownLabel: 'Something else that helps',
    add: 'Add',
    remove: (label: string) => `Remove ${label}`,
    ownFull: (max: number) => `That is the most you can add (${max}).`,
    ownDuplicate: 'That one is already on your list.',
    afterwardsLegend: "Afterwards I'd like",
    afterwards: {
      company: 'Company',
      space: 'Space',
      either: 'Either',
    } satisfies Record<Afterwards, string>,
    remember: 'Remember my wishes on this phone',
    rememberHint: 'Kept in this browser only, never sent. The next room starts from them.',
    share: 'Share with my partner',
    status: {
      notShared: 'Not shared yet',
      sharing: 'Sharing…',
      shared: 'Shared with your partner',
      changed: 'Changes not shared yet',
    },
    fromRemembered: 'Filled in from the wishes this phone remembers.',
    /** A one-line summary on the closed editor. */
    summary: (count: number) =>
      count === 0
        ? 'Nothing picked yet'
        : count === 1
          ? '1 thing picked'
          : `${count} things picked`,
  },
  partnerWishes: {
    heading: "Your partner's wishes",
    ownGroup: 'In their words',
    nothingPicked: 'They shared no wishes from the list.',
    afterwards: (what: string) => `Afterwards they'd like: ${what}`,
    afterwardsWords: {
      company: 'company',
      space: 'space',
      either: 'either company or space',
    } satisfies Record<Afterwards, string>,
  },
  regular: {
    label: 'Regular check-ins',
    hint: 'While the session runs, both phones ask “Check in” at each interval.',
    options: {
      0: 'Off',
      10: 'Every 10 minutes',
      15: 'Every 15 minutes',
      20: 'Every 20 minutes',
      30: 'Every 30 minutes',
    } satisfies Record<CheckInInterval, string>,
    waiting: 'Waiting for your partner to answer the check-in…',
    unanswered: 'Your partner has not answered the check-in — check in out loud',
  },
  round: {
    title: 'Check in',
    detail: 'Time for your regular check-in. How are you?',
  },
} as const;
