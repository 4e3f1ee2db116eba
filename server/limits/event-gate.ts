import type { EdgeLimiters } from './limiters.ts';
import { take } from './limiters.ts';

/**
 * What happens to one incoming event, decided before anything else looks at it:
 * - `admitted`: within the connection's rate; it goes on to validation and its handler.
 * - `limited`: over the rate; it is answered `rate_limited` and changes nothing.
 * - `close`: the connection keeps flooding (refused more than FLOOD_FACTOR × the rate in a
 *   second); it is closed.
 */
export type Admission = 'admitted' | 'limited' | 'close';

export type EventGate = () => Promise<Admission>;

/** Every event admitted: limits are off. */
export const OPEN_GATE: EventGate = () => Promise.resolve('admitted');

/**
 * One connection's gate. The events are keyed by the connection's id, not its address: two
 * phones behind one home router each get the full rate.
 */
export function eventGate(limiters: EdgeLimiters, connectionId: string): EventGate {
  return async () => {
    if (await take(limiters.events, connectionId)) return 'admitted';
    return (await take(limiters.refusals, connectionId)) ? 'limited' : 'close';
  };
}
