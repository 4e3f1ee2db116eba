import { describeWithRedis, openTestRedisStore } from '../../support/redis.ts';
import { describeRoomStoreContract } from './room-store-contract.ts';

describeWithRedis('RedisRoomStore', () => {
  describeRoomStoreContract('RedisRoomStore', () => openTestRedisStore());
});
