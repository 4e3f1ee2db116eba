import { afterEach, beforeEach, describe } from 'vitest';
import type { RoomStore } from '../../../server/store/room-store.ts';
import { describeAppendReadContract } from './contract/append-read.ts';
import { describeClaimContract } from './contract/claim.ts';
import { describeJoinAccessContract } from './contract/join-access.ts';
import { describeKeepContract } from './contract/keep.ts';
import { describeLifetimeContract } from './contract/lifetime.ts';
import { describePushContract } from './contract/push.ts';
import { describeRaceContract } from './contract/races.ts';

export interface StoreUnderTest {
  readonly store: RoomStore;
  /** Runs after `store.close()`: remove files, flush keys, stop containers. */
  readonly cleanup?: () => Promise<void> | void;
}

/**
 * The behaviour every RoomStore must share, whatever it is built on. `makeStore` must return an
 * empty store that no other test touches; the suite closes it after each test and then calls
 * `cleanup`.
 */
export function describeRoomStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
): void {
  describe(`RoomStore contract: ${name}`, () => {
    let subject: StoreUnderTest | undefined;

    const store = (): RoomStore => {
      if (subject === undefined) throw new Error('the store is not ready');
      return subject.store;
    };

    beforeEach(async () => {
      subject = await makeStore();
    });

    afterEach(async () => {
      const current = subject;
      subject = undefined;
      if (current === undefined) return;
      await current.store.close();
      await current.cleanup?.();
    });

    describeClaimContract(store);
    describeJoinAccessContract(store);
    describeAppendReadContract(store);
    describeLifetimeContract(store);
    describeKeepContract(store);
    describeRaceContract(store);
    describePushContract(store);
  });
}
