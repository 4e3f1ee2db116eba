import type { ItemAudience } from '../../../../shared/content.ts';
import { seatAudience } from '../../../../shared/content.ts';
import type { Seat } from '../../../../shared/ids.ts';
import { otherSeat } from '../../../../shared/ids.ts';
import { FollowUpFirst } from '../../../../shared/schedule.ts';

/**
 * A <select>'s value is a string the page can be made to hold anything in (devtools, an
 * extension): it is read through these, and anything but one of the options is null, which the
 * screens ignore.
 */

/** When the first follow-up comes, from the follow-up select. */
export function followUpFirstOf(value: string): FollowUpFirst | null {
  const parsed = FollowUpFirst.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Whom a new plan item is for, as the person reads it. */
export const AUDIENCE_CHOICES = ['both', 'me', 'partner'] as const;
export type AudienceChoice = (typeof AUDIENCE_CHOICES)[number];

export const audienceChoiceOf = (value: string): AudienceChoice | null =>
  AUDIENCE_CHOICES.find((choice) => choice === value) ?? null;

/** The audience as the log says it: "me" is this seat, "partner" the other. */
export const itemAudienceOf = (choice: AudienceChoice, seat: Seat): ItemAudience =>
  choice === 'both' ? 'both' : seatAudience(choice === 'me' ? seat : otherSeat(seat));
