import * as z from 'zod/mini';
import { EventId } from '../../../shared/ids.ts';
import { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import type { OutboxEntry } from './outbox.ts';

/**
 * Something the server refused for good that the partner is waiting for: the sender must be told
 * ("Not sent — check in out loud"), until they dismiss it. A schema, as the sending tab tells the
 * browser's other tabs of it (tabs.ts): the person may have tapped in one of those.
 */
export const RefusedEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('signal'), eventId: EventId, kind: SignalKind }),
  z.object({ type: z.literal('check_in_answer'), eventId: EventId, answer: CheckInAnswer }),
]);
export type RefusedEvent = Readonly<z.infer<typeof RefusedEvent>>;

/**
 * What a final refusal of `entry` tells its sender (R4), or null where the room already shows it.
 * Exhaustive, so a new event type has to decide.
 */
export function refusalNotice({ eventId, event }: OutboxEntry): RefusedEvent | null {
  switch (event.type) {
    case 'signal':
      return { type: 'signal', eventId, kind: event.kind };
    case 'check_in_answer':
    case 'check_in_round_answer':
      // "I'm okay" included: the partner asked (or the round did), and is waiting for the answer.
      return { type: 'check_in_answer', eventId, answer: event.answer };
    case 'signal_seen':
      // The partner keeps seeing "Not seen yet" on their signal, which already prompts them to
      // check in out loud; a notice here would tell this person nothing they can act on.
      return null;
    case 'signal_delivered':
      // A receipt: the partner's signal stays "not delivered" on their phone, which says it.
      return null;
    case 'session_started':
    case 'session_ended':
    case 'checklist_item_added':
    case 'checklist_item_checked':
    case 'wishes_shared':
    case 'regular_check_ins_set':
    case 'check_in_round_due':
    case 'reflection_shared':
    case 'reflection_revealed':
    case 'follow_up_set':
    case 'follow_up_asked':
    case 'follow_up_answer':
    case 'test_alert':
    case 'test_alert_seen':
      // Both phones show the log, which does not hold it: the change visibly did not happen.
      return null;
  }
}
