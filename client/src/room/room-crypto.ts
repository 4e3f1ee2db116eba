import { isUrgent } from '../../../shared/content.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import { openEvent, sealEvent } from '../../../shared/crypto/codec.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { RequestOf, StoredEnvelope } from '../../../shared/protocol.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import type { OutboxEntry } from './outbox.ts';

/** Opens a stored envelope into a log entry; null if it does not authenticate or parse. */
export async function openEnvelope(
  keys: RoomKeys,
  envelope: StoredEnvelope,
): Promise<LogEntry | null> {
  const context = { roomId: keys.roomId, eventId: envelope.eventId, seat: envelope.seat };
  const opened = await openEvent(keys, context, envelope.ciphertext);
  if (!opened.ok) return null;
  const { seq, eventId, seat, storedAt } = envelope;
  return { seq, eventId, seat, storedAt, event: opened.event };
}

/** Seals an outbox entry as `seat`'s, ready to send; null if it cannot be sealed. */
export async function sealEntry(
  keys: RoomKeys,
  seat: Seat,
  entry: OutboxEntry,
): Promise<RequestOf<'envelope:send'> | null> {
  const context = { roomId: keys.roomId, eventId: entry.eventId, seat };
  const ciphertext = await sealEvent(keys, context, entry.event).catch(() => null);
  if (ciphertext === null) return null;
  return { eventId: entry.eventId, ciphertext, notify: isUrgent(entry.event) };
}
