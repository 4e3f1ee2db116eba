/**
 * A second process appending to a Redis store (redis-store.test.ts starts two): it connects, says
 * `ready`, waits for `go` on stdin, starts every append of its plan at once, prints their
 * outcomes as one JSON line and exits. The plan comes in TANDEM_WORKER_PLAN.
 */
import { createInterface } from 'node:readline';
import { connectRedis } from '../../../server/store/redis/connection.ts';
import { RedisRoomStore } from '../../../server/store/redis/redis-store.ts';
import type { AppendRequest } from '../../../server/store/room-store.ts';

interface WorkerPlan {
  readonly url: string;
  readonly prefix: string;
  readonly appends: readonly AppendRequest[];
}

const plan = JSON.parse(process.env.TANDEM_WORKER_PLAN ?? '{}') as WorkerPlan;
const store = new RedisRoomStore(await connectRedis(plan.url, 'tandem-test-worker'), plan.prefix);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') continue;
  const outcomes = await Promise.all(plan.appends.map((request) => store.append(request)));
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
  break;
}
await store.close();
