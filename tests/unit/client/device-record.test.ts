import { describe, expect, it } from 'vitest';
import {
  forgetDevice,
  loadOrCreateDevice,
  registerRoomCreator,
  saveDevice,
} from '../../../client/src/room/device-record.ts';
import { readJson } from '../../../client/src/room/storage.ts';
import { MemberId, MemberSecret } from '../../../shared/ids.ts';
import { newRoomId } from '../../support/ids.ts';
import { FullStorage, MemoryStorage } from '../../support/memory-storage.ts';

const ROOM = newRoomId();
const KEY = `tandem.device.${ROOM}`;

describe('device record', () => {
  it('is created once, with well-formed credentials, persisted and then reused', () => {
    const storage = new MemoryStorage();
    const first = loadOrCreateDevice(storage, ROOM);
    expect(MemberId.safeParse(first.memberId).success).toBe(true);
    expect(MemberSecret.safeParse(first.memberSecret).success).toBe(true);
    expect(first.reflectionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.reflectionSecret).not.toBe(first.memberSecret);
    expect(first.createRoom).toBe(false);
    expect(readJson(storage, KEY)).toEqual(first);

    const again = loadOrCreateDevice(storage, ROOM);
    expect(again).toEqual(first);
    expect([...storage.items.keys()]).toEqual([KEY]);
  });

  it('differs between browsers and between rooms', () => {
    const storage = new MemoryStorage();
    const here = loadOrCreateDevice(storage, ROOM);
    const elsewhere = loadOrCreateDevice(new MemoryStorage(), ROOM);
    const otherRoom = loadOrCreateDevice(storage, newRoomId());
    expect(elsewhere.memberId).not.toBe(here.memberId);
    expect(elsewhere.memberSecret).not.toBe(here.memberSecret);
    expect(elsewhere.reflectionSecret).not.toBe(here.reflectionSecret);
    expect(otherRoom.memberId).not.toBe(here.memberId);
    expect(loadOrCreateDevice(storage, ROOM)).toEqual(here);
  });

  it('registerRoomCreator makes a fresh record with createRoom true, which load then returns', () => {
    const storage = new MemoryStorage();
    const before = loadOrCreateDevice(storage, ROOM);
    registerRoomCreator(storage, ROOM);
    const creator = loadOrCreateDevice(storage, ROOM);
    expect(creator.createRoom).toBe(true);
    expect(creator.memberId).not.toBe(before.memberId);
  });

  it('saveDevice replaces the record (the creator flag cleared after the first join)', () => {
    const storage = new MemoryStorage();
    registerRoomCreator(storage, ROOM);
    const creator = loadOrCreateDevice(storage, ROOM);
    saveDevice(storage, ROOM, { ...creator, createRoom: false });
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({ ...creator, createRoom: false });
  });

  it('forgetDevice removes it; the next load is a new device that only joins', () => {
    const storage = new MemoryStorage();
    registerRoomCreator(storage, ROOM);
    const creator = loadOrCreateDevice(storage, ROOM);
    forgetDevice(storage, ROOM);
    expect(storage.getItem(KEY)).toBeNull();
    const next = loadOrCreateDevice(storage, ROOM);
    expect(next.memberId).not.toBe(creator.memberId);
    expect(next.createRoom).toBe(false);
    // Forgetting twice, or a room never seen, is harmless.
    forgetDevice(storage, newRoomId());
    expect(loadOrCreateDevice(storage, ROOM)).toEqual(next);
  });

  it.each([
    ['not JSON', '}{'],
    ['JSON null', 'null'],
    ['an array', '[]'],
    [
      'a short member id',
      JSON.stringify({ memberId: 'abc', memberSecret: 'x'.repeat(43), createRoom: false }),
    ],
    [
      'a member secret with bad characters',
      JSON.stringify({ memberId: 'a'.repeat(22), memberSecret: '+'.repeat(43), createRoom: false }),
    ],
    [
      'a missing createRoom',
      JSON.stringify({ memberId: 'a'.repeat(22), memberSecret: 'b'.repeat(43) }),
    ],
    [
      'a reflection secret with bad characters',
      JSON.stringify({
        memberId: 'a'.repeat(22),
        memberSecret: 'b'.repeat(43),
        reflectionSecret: '+'.repeat(43),
        createRoom: false,
      }),
    ],
    [
      'a reflection secret one character short',
      JSON.stringify({
        memberId: 'a'.repeat(22),
        memberSecret: 'b'.repeat(43),
        reflectionSecret: 'c'.repeat(42),
        createRoom: false,
      }),
    ],
    [
      'a createRoom that is not a boolean',
      JSON.stringify({ memberId: 'a'.repeat(22), memberSecret: 'b'.repeat(43), createRoom: 'yes' }),
    ],
  ])('a stored record with %s is replaced by a new device', (_, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, raw);
    const record = loadOrCreateDevice(storage, ROOM);
    expect(MemberId.safeParse(record.memberId).success).toBe(true);
    expect(record.memberId).not.toBe('a'.repeat(22));
    expect(record.createRoom).toBe(false);
    expect(readJson(storage, KEY)).toEqual(record);
  });

  it('a storage that refuses writes still yields a usable record (just not a lasting one)', () => {
    const storage = new FullStorage();
    const record = loadOrCreateDevice(storage, ROOM);
    expect(MemberSecret.safeParse(record.memberSecret).success).toBe(true);
    expect(() => {
      registerRoomCreator(storage, ROOM);
    }).not.toThrow();
    expect(storage.getItem(KEY)).toBeNull();
  });
});

describe('device record: the confirmed seat', () => {
  const OLD = {
    memberId: 'a'.repeat(22),
    memberSecret: 'b'.repeat(43),
    reflectionSecret: 'c'.repeat(43),
    createRoom: false,
  };

  it('reads a record written before seats were kept as seat null, keeping its credentials', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify(OLD));
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({ ...OLD, seat: null, incarnation: null });
  });

  it('keeps an old creator record a creator', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({ ...OLD, createRoom: true }));
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({
      ...OLD,
      createRoom: true,
      seat: null,
      incarnation: null,
    });
  });

  it.each([0, 1, null] as const)('round-trips seat %s', (seat) => {
    const storage = new MemoryStorage();
    saveDevice(storage, ROOM, { ...OLD, seat, incarnation: 'inc-1' });
    expect(readJson(storage, KEY)).toEqual({ ...OLD, seat, incarnation: 'inc-1' });
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({ ...OLD, seat, incarnation: 'inc-1' });
  });

  it('reads a record written before incarnations were kept as incarnation null', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({ ...OLD, seat: 1 }));
    expect(loadOrCreateDevice(storage, ROOM)).toEqual({ ...OLD, seat: 1, incarnation: null });
  });

  it('a new device, creator or not, has no seat yet', () => {
    const storage = new MemoryStorage();
    expect(loadOrCreateDevice(storage, ROOM).seat).toBeNull();
    registerRoomCreator(storage, ROOM);
    expect(loadOrCreateDevice(storage, ROOM)).toMatchObject({ createRoom: true, seat: null });
  });
});

describe('device record: the reflection secret', () => {
  const BEFORE = {
    memberId: 'a'.repeat(22),
    memberSecret: 'b'.repeat(43),
    createRoom: false,
    seat: 1,
    incarnation: 'inc-1',
  };

  it('a record written before it existed gets one once, keeps the rest, and keeps it across loads', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify(BEFORE));
    const upgraded = loadOrCreateDevice(storage, ROOM);
    expect(upgraded).toEqual({ ...BEFORE, reflectionSecret: upgraded.reflectionSecret });
    expect(upgraded.reflectionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(upgraded.reflectionSecret).not.toBe(BEFORE.memberSecret);
    // Stored at once, so the next load (a reload, another tab) has the same one.
    expect(readJson(storage, KEY)).toEqual(upgraded);
    expect(loadOrCreateDevice(storage, ROOM)).toEqual(upgraded);
  });

  it('survives saving the confirmed seat again', () => {
    const storage = new MemoryStorage();
    const device = loadOrCreateDevice(storage, ROOM);
    saveDevice(storage, ROOM, { ...device, seat: 0, incarnation: 'inc-2' });
    expect(loadOrCreateDevice(storage, ROOM).reflectionSecret).toBe(device.reflectionSecret);
  });
});
