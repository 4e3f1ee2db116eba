import { createHmac } from 'node:crypto';
import type { Seat } from '../../shared/ids.ts';
import type { PushPayload } from '../../shared/push-payload.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';
import type { RoomRef } from '../store/room-store.ts';

/**
 * What one push message can carry: 4096 bytes of record, less RFC 8291's header (86), tag (16) and
 * padding delimiter (1), rounded down. A sealed envelope larger than this goes as `envelope: null`
 * and the phone syncs for it.
 */
export const MAX_PUSH_PLAINTEXT_BYTES = 3_990;

/** The body of an urgent push: the envelope as stored, still sealed with the room key. */
export function envelopeBody(room: RoomRef, envelope: StoredEnvelope): string {
  const carried: PushPayload = { type: 'envelope', ...ref(room), envelope };
  const body = JSON.stringify(carried);
  if (Buffer.byteLength(body) <= MAX_PUSH_PLAINTEXT_BYTES) return body;
  const bare: PushPayload = { type: 'envelope', ...ref(room), envelope: null };
  return JSON.stringify(bare);
}

export function wakeBody(room: RoomRef, at: number): string {
  const wake: PushPayload = { type: 'wake', ...ref(room), at };
  return JSON.stringify(wake);
}

/**
 * The Topic of a seat's urgent pushes: a newer one replaces one the push service still holds for
 * the phone (it syncs the room anyway). Keyed with a secret of the server's (the VAPID private
 * key), and per seat, so a push service serving both phones cannot pair them by an equal Topic,
 * and nobody who knows a room id can compute it. At most 32 base64url characters (RFC 8030 §5.4).
 */
export function topicOf(room: RoomRef, seat: Seat, secret: string): string {
  return createHmac('sha256', secret)
    .update(`tandem-topic|${room.roomId}|${room.incarnation}|${String(seat)}`)
    .digest('base64url')
    .slice(0, 32);
}

const ref = (room: RoomRef) => ({ roomId: room.roomId, incarnation: room.incarnation });
