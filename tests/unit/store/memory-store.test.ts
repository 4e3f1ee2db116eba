import { describe, expect, it } from 'vitest';
import { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import { newRoomId } from '../../support/ids.ts';
import { PROVEN, T, at, envelope, newCredential, refOf, roomOf } from './contract/support.ts';
import { describeRoomStoreContract } from './room-store-contract.ts';

describeRoomStoreContract('MemoryRoomStore', () =>
  Promise.resolve({ store: new MemoryRoomStore() }),
);

describe('MemoryRoomStore', () => {
  it('dumpForTests shows what it stores (ciphertext, secret hashes), so a search of it can find them', async () => {
    const store = new MemoryRoomStore();
    const alice = newCredential();
    const created = await store.claimSeat({
      roomId: newRoomId(),
      credential: alice,
      createIfMissing: true,
      access: PROVEN,
      knownIncarnation: null,
      at: at(T),
    });
    const sent = envelope();
    const by = { room: refOf(roomOf(created)), seat: 0, memberId: alice.memberId } as const;
    await store.append({ by, envelope: sent, at: at(T + 1) });
    const dump = store.dumpForTests();
    expect(dump).toContain(sent.ciphertext);
    expect(dump).toContain(alice.secretHash);
  });

  it('forgets every room on close', async () => {
    const store = new MemoryRoomStore();
    const roomId = newRoomId();
    await store.claimSeat({
      roomId,
      credential: newCredential(),
      createIfMissing: true,
      access: PROVEN,
      knownIncarnation: null,
      at: at(T),
    });
    await store.close();
    expect(await store.getRoom(roomId)).toBeNull();
    expect(store.dumpForTests()).toBe('[]');
  });
});
