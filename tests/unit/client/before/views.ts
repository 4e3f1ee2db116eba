import type { OutboxEntry } from '../../../../client/src/room/outbox.ts';
import type { RoomView } from '../../../../client/src/room/room-client.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import type { Seat } from '../../../../shared/ids.ts';
import type { RoomState } from '../../../../shared/reducer.ts';
import { fixedEventId } from '../../../support/ids.ts';

/** Helpers for the before/during screens' pure views: a room view and outbox entries. */

let nextId = 900;

/** An outbox entry for `event`; `ackedSeq` set means the server acknowledged it already. */
export function queued(event: ContentEvent, ackedSeq: number | null = null): OutboxEntry {
  nextId += 1;
  return { eventId: fixedEventId(nextId), event, queuedAt: 0, ackedSeq };
}

export function viewOf(
  room: RoomState,
  outbox: readonly OutboxEntry[] = [],
  seat: Seat | null = 0,
): RoomView {
  return {
    status: { kind: 'open' },
    connected: true,
    seat,
    presence: null,
    room,
    outbox,
    unreachable: false,
    unsentSignalLost: false,
    refused: null,
    serverPush: { kind: 'unknown' },
  };
}
