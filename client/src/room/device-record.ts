import * as z from 'zod/mini';
import { Incarnation, MemberId, MemberSecret, Seat } from '../../../shared/ids.ts';
import { randomBase64url } from '../../../shared/crypto/base64url.ts';
import type { KeyValueStorage } from './storage.ts';
import { readJson, writeJson } from './storage.ts';

/** 32 random bytes, base64url: a secret this browser makes and never sends anywhere. */
const DeviceOnlySecret = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

/**
 * This device's claim to a seat in one room. It stays in this browser only, so a reload or a
 * reconnect returns to the same seat, and a second browser is a different device.
 */
const DeviceRecord = z.object({
  memberId: MemberId,
  /** Proves the seat to the server: it travels in every join (the server keeps its hash). */
  memberSecret: MemberSecret,
  /**
   * The secret this device's reflection key is derived from (reflection-crypto.ts). Unlike the
   * member secret it is never sent, not even to the server, so nobody but this browser can make
   * that key: not the server, and not the server and the partner together.
   */
  reflectionSecret: DeviceOnlySecret,
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

/**
 * A record as stored: one written before reflection secrets were kept has none yet, and gets one
 * on its first load (kept from then on), so an upgrade keeps the seat. A malformed one is as
 * invalid as any other malformed field.
 */
const StoredDeviceRecord = z.extend(DeviceRecord, {
  reflectionSecret: z.optional(DeviceOnlySecret),
});

const keyFor = (roomId: string) => `tandem.device.${roomId}`;

export function loadOrCreateDevice(storage: KeyValueStorage, roomId: string): DeviceRecord {
  const parsed = StoredDeviceRecord.safeParse(readJson(storage, keyFor(roomId)));
  if (parsed.success) {
    const { reflectionSecret, ...stored } = parsed.data;
    if (reflectionSecret !== undefined) return { ...stored, reflectionSecret };
    const upgraded = { ...stored, reflectionSecret: newSecret() };
    saveDevice(storage, roomId, upgraded);
    return upgraded;
  }
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

const newSecret = (): string => randomBase64url(32);

const newDevice = (createRoom: boolean): DeviceRecord => ({
  memberId: randomBase64url(16),
  memberSecret: newSecret(),
  reflectionSecret: newSecret(),
  createRoom,
  seat: null,
  incarnation: null,
});
