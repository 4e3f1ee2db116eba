import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../../client/src/room/device-record.ts';
import { loadOrCreateDevice, saveDevice } from '../../../client/src/room/device-record.ts';
import { deviceReflectionKey } from '../../../client/src/room/reflection-crypto.ts';
import { fromBase64url, toBase64url } from '../../../shared/crypto/base64url.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';
import { newMemberId, newMemberSecret } from '../../support/ids.ts';
import { MemoryStorage } from '../../support/memory-storage.ts';

/**
 * The reflection key must be one only this browser can make. The member secret travels in every
 * join, so a key made from it could be made by the server too: the key comes from the device's
 * own reflection secret, and the member secret has no part in it.
 */

const open = () => true;

async function keyWith(record: Omit<DeviceRecord, 'memberId'>, roomSecret: string) {
  const storage = new MemoryStorage();
  const { roomId } = await deriveRoomKeys(roomSecret);
  saveDevice(storage, roomId, { memberId: newMemberId(), ...record });
  const derived = await deviceReflectionKey(storage, roomSecret, open);
  if (derived === null) throw new Error('no key');
  return derived;
}

const hkdf = (secret: string, roomId: string): string =>
  toBase64url(
    new Uint8Array(
      hkdfSync(
        'sha256',
        fromBase64url(secret),
        new TextEncoder().encode('tandem/v1'),
        new TextEncoder().encode(`reflection-key|${roomId}`),
        32,
      ),
    ),
  );

const record = (memberSecret: string, reflectionSecret: string) => ({
  memberSecret,
  reflectionSecret,
  createRoom: false,
  seat: 0 as const,
  incarnation: 'inc-1',
});

describe('deviceReflectionKey', () => {
  it('does not depend on the member secret: the same reflection secret gives the same key', async () => {
    const roomSecret = newRoomSecret();
    const reflectionSecret = newMemberSecret();
    const one = await keyWith(record(newMemberSecret(), reflectionSecret), roomSecret);
    const other = await keyWith(record(newMemberSecret(), reflectionSecret), roomSecret);
    expect(other.key).toBe(one.key);
  });

  it('another reflection secret (another browser) gives another key, the member secret alike', async () => {
    const roomSecret = newRoomSecret();
    const memberSecret = newMemberSecret();
    const one = await keyWith(record(memberSecret, newMemberSecret()), roomSecret);
    const other = await keyWith(record(memberSecret, newMemberSecret()), roomSecret);
    expect(other.key).not.toBe(one.key);
  });

  it('is HKDF of the reflection secret with the room id, never of the member secret', async () => {
    const roomSecret = newRoomSecret();
    const memberSecret = newMemberSecret();
    const reflectionSecret = newMemberSecret();
    const { roomId, key } = await keyWith(record(memberSecret, reflectionSecret), roomSecret);
    expect(roomId).toBe((await deriveRoomKeys(roomSecret)).roomId);
    expect(key).toBe(hkdf(reflectionSecret, roomId));
    expect(key).not.toBe(hkdf(memberSecret, roomId));
  });

  it('a record from before reflection secrets gets one, and the key stays the same across loads', async () => {
    const storage = new MemoryStorage();
    const roomSecret = newRoomSecret();
    const { roomId } = await deriveRoomKeys(roomSecret);
    const memberSecret = newMemberSecret();
    storage.setItem(
      `tandem.device.${roomId}`,
      JSON.stringify({ memberId: newMemberId(), memberSecret, createRoom: false, seat: 1 }),
    );
    const first = await deviceReflectionKey(storage, roomSecret, open);
    const again = await deviceReflectionKey(storage, roomSecret, open);
    expect(again?.key).toBe(first?.key);
    const kept = loadOrCreateDevice(storage, roomId);
    expect(kept).toMatchObject({ memberSecret, seat: 1 });
    expect(first?.key).toBe(hkdf(kept.reflectionSecret, roomId));
  });

  it('is null, leaving no record behind, once the room is over', async () => {
    const storage = new MemoryStorage();
    expect(await deviceReflectionKey(storage, newRoomSecret(), () => false)).toBeNull();
    expect(storage.items.size).toBe(0);
  });
});
