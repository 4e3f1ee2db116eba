import * as z from 'zod/mini';
import { MemberId, MemberSecret, Seat } from '../../../shared/ids.ts';
import { Incarnation } from '../../../shared/protocol.ts';
import { randomBase64url } from '../../../shared/crypto/base64url.ts';
import type { KeyValueStorage } from './storage.ts';
import { readJson, writeJson } from './storage.ts';

/**
 * This device's claim to a seat in one room. It stays in this browser only, so a reload or a
 * reconnect returns to the same seat, and a second browser is a different device.
 */
const DeviceRecord = z.object({
  memberId: MemberId,
  memberSecret: MemberSecret,
  /** True on the device that made the room, until the server has confirmed the room exists. */
  createRoom: z.boolean(),
  /**
   * The seat the server confirmed, once it has. With it the room can be shown, Pause button and
   * all, straight after a reload, even before (or without) a connection.
   */
  seat: z._default(z.nullable(Seat), null),
  /**
   * The incarnation of the room this device joined, once it has: every later join names it, so
   * this device never sits down in another room made under the same id while it was away.
   */
  incarnation: z._default(z.nullable(Incarnation), null),
});
export type DeviceRecord = z.infer<typeof DeviceRecord>;

const keyFor = (roomId: string) => `tandem.device.${roomId}`;

export function loadOrCreateDevice(storage: KeyValueStorage, roomId: string): DeviceRecord {
  const parsed = DeviceRecord.safeParse(readJson(storage, keyFor(roomId)));
  if (parsed.success) return parsed.data;
  const record = newDevice(false);
  saveDevice(storage, roomId, record);
  return record;
}

/** Called by the device that makes a room, before it ever connects. */
export function registerRoomCreator(storage: KeyValueStorage, roomId: string): void {
  saveDevice(storage, roomId, newDevice(true));
}

export const saveDevice = (storage: KeyValueStorage, roomId: string, record: DeviceRecord) => {
  writeJson(storage, keyFor(roomId), record);
};

export const forgetDevice = (storage: KeyValueStorage, roomId: string) => {
  storage.removeItem(keyFor(roomId));
};

const newDevice = (createRoom: boolean): DeviceRecord => ({
  memberId: randomBase64url(16),
  memberSecret: randomBase64url(32),
  createRoom,
  seat: null,
  incarnation: null,
});
