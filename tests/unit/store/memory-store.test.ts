import { describe, expect, it } from 'vitest';
import { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import { newRoomId } from '../../support/ids.ts';
import { describeRoomStoreContract, envelope, newCredential } from './room-store-contract.ts';

describeRoomStoreContract('MemoryRoomStore', () =>
  Promise.resolve({ store: new MemoryRoomStore() }),
);

describe('MemoryRoomStore', () => {
  it('dumpForTests shows what it stores (ciphertext, secret hashes), so a search of it can find them', async () => {
    const store = new MemoryRoomStore();
    const roomId = newRoomId();
    const alice = newCredential();
    await store.claimSeat({ roomId, credential: alice, createIfMissing: true, now: 1 });
    const sent = envelope();
    await store.append(roomId, 0, sent, 2);
    const dump = store.dumpForTests();
    expect(dump).toContain(sent.ciphertext);
    expect(dump).toContain(alice.secretHash);
  });

  it('forgets every room on close', async () => {
    const store = new MemoryRoomStore();
    const roomId = newRoomId();
    await store.claimSeat({ roomId, credential: newCredential(), createIfMissing: true, now: 1 });
    await store.close();
    expect(await store.getRoom(roomId)).toBeNull();
    expect(store.dumpForTests()).toBe('[]');
  });
});
