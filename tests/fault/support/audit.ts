import { openEvent } from '../../../shared/crypto/codec.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import { foldLog } from '../../../shared/reducer.ts';
import type { LogEntry, RoomState } from '../../../shared/reducer.ts';
import { settled, until } from './adapter.ts';
import type { RoomView } from './adapter.ts';
import type { FaultPhone } from './phones.ts';

/**
 * What the audit reads of a room: the log as the server stored it, the room's keys and both
 * phones. A FaultRoom is one; so is a room on several server processes (tests/fault/processes).
 */
export interface AuditedRoom {
  readonly durable: { log(roomId: string): Promise<StoredEnvelope[]> };
  readonly keys: RoomKeys;
  readonly a: FaultPhone;
  readonly b: FaultPhone;
}

/**
 * What the room holds once every fault has healed, checked against what each phone ever queued:
 * the delivery rules as numbers a test asserts and a run prints.
 */

/**
 * Resolves with the server's log once both phones are quiet and each has folded all of it. The
 * server's log is read again afterwards: anything appended meanwhile means waiting once more.
 */
export async function untilQuiet(room: AuditedRoom): Promise<StoredEnvelope[]> {
  for (;;) {
    const target = (await room.durable.log(room.keys.roomId)).length;
    const caughtUp = (view: RoomView) => settled(view) && view.room.lastSeq >= target;
    await Promise.all([
      until(room.a.client, caughtUp, `A quiet at seq ${String(target)}`),
      until(room.b.client, caughtUp, `B quiet at seq ${String(target)}`),
    ]);
    const log = await room.durable.log(room.keys.roomId);
    const bothCaughtUp = [room.a, room.b].every((phone) => {
      const view = phone.view();
      return settled(view) && view.room.lastSeq === log.length;
    });
    if (log.length === target && bothCaughtUp) return log;
  }
}

/** The log opened with the room's keys, as a phone folds it. */
export async function openLog(log: readonly StoredEnvelope[], keys: RoomKeys): Promise<LogEntry[]> {
  return Promise.all(
    log.map(async (envelope) => {
      const context = { roomId: keys.roomId, eventId: envelope.eventId, seat: envelope.seat };
      const opened = await openEvent(keys, context, envelope.ciphertext);
      if (!opened.ok) throw new Error(`seq ${String(envelope.seq)} does not open`);
      const { seq, eventId, seat, storedAt } = envelope;
      return { seq, eventId, seat, storedAt, event: opened.event };
    }),
  );
}

export interface PhoneAudit {
  readonly name: FaultPhone['name'];
  /** Event ids it ever queued. */
  readonly sent: number;
  /** Of those, how many its partner's phone holds. */
  readonly delivered: number;
  /** Queued, never in the log. */
  readonly lost: readonly string[];
  /** Its own events whose order in the log differs from the order it queued them. */
  readonly outOfOrder: readonly string[];
  /** Its room differs from the one the server's log folds to. */
  readonly stateDiffers: boolean;
}

export interface RoomAudit {
  readonly stored: number;
  /** Event ids the log holds more than once. */
  readonly duplicates: readonly string[];
  readonly phones: readonly [PhoneAudit, PhoneAudit];
  /** The room the server's log folds to: what both phones must show. */
  readonly reference: RoomState;
}

/** Compares the server's whole log with everything both phones queued and now show. */
export async function auditRoom(
  room: AuditedRoom,
  log: readonly StoredEnvelope[],
): Promise<RoomAudit> {
  const reference = foldLog(await openLog(log, room.keys));
  const seqOf = new Map<string, number>();
  const duplicates: string[] = [];
  for (const envelope of log) {
    if (seqOf.has(envelope.eventId)) duplicates.push(envelope.eventId);
    else seqOf.set(envelope.eventId, envelope.seq);
  }
  const auditPhone = (phone: FaultPhone, partner: FaultPhone): PhoneAudit => {
    const partnerHolds = partner.view().room.lastSeq;
    const outOfOrder: string[] = [];
    let delivered = 0;
    let highest = 0;
    for (const eventId of phone.queued) {
      const seq = seqOf.get(eventId);
      if (seq === undefined) continue;
      if (seq < highest) outOfOrder.push(eventId);
      highest = Math.max(highest, seq);
      if (seq <= partnerHolds) delivered += 1;
    }
    return {
      name: phone.name,
      sent: phone.queued.length,
      delivered,
      lost: phone.queued.filter((eventId) => !seqOf.has(eventId)),
      outOfOrder,
      stateDiffers: JSON.stringify(phone.view().room) !== JSON.stringify(reference),
    };
  };
  return {
    stored: log.length,
    duplicates,
    phones: [auditPhone(room.a, room.b), auditPhone(room.b, room.a)],
    reference,
  };
}
