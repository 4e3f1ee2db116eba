import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRoomKeys, newRoomSecret } from '../../shared/crypto/codec.ts';
import { openTestRedisStore, uniquePrefix } from '../support/redis.ts';
import { OwnRedisServer } from '../support/redis-server-process.ts';
import { countFromEnv, drawWithSeed, seedFromEnv } from '../support/seeded.ts';
import { useServerProcesses } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { NginxBalancer, nginxInstalled } from '../support/nginx-balancer.ts';
import { TcpBalancer } from '../support/tcp-balancer.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { wholeLog } from '../support/whole-log.ts';
import { Browser, bothOnline, isOpen, until } from './support/adapter.ts';
import { auditRoom, untilQuiet } from './support/audit.ts';
import type { AuditedRoom } from './support/audit.ts';
import { ChaosRun } from './support/chaos.ts';
import { FaultPhone } from './support/phones.ts';
import { MAX_PAUSE_MS, arbSchedule } from './support/schedule.ts';

/**
 * Three real server processes on one Redis of the test's own (append-only file, fsynced on every
 * write), behind a round-robin TCP balancer, the partners' phones on different processes. A
 * randomized session (seeded) runs while connections are cut and stalled, pages reload, one
 * process (at least) is killed with SIGKILL and replaced, and Redis itself is killed and started
 * again while the phones keep tapping. Afterwards both phones must hold the same log as Redis,
 * every event exactly once, in order. FAULT_SEED=<n> replays the steps; SCALE_FAULT_STEPS=<n>
 * makes the run longer.
 *
 * The load balancer is nginx with the deployment's proxy settings (deploy/tandem-proxy.conf)
 * where Debian's nginx is installed, else a round-robin TCP balancer in the harness: round robin,
 * no stickiness, WebSocket only, each connection on the process it was opened on for its whole
 * life. A killed process is replaced on the same port, as a supervisor restarts it.
 */

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer && process.env.CI === 'true') {
  throw new Error('CI=true but redis-server is not installed: the multi-process test must run');
}
if (!hasRedisServer) {
  process.stdout.write('redis-server is not installed: the multi-process fault test is skipped\n');
}

const PROCESSES = 3;
const seed = seedFromEnv('FAULT_SEED');
const steps = countFromEnv('SCALE_FAULT_STEPS', 80);
/** Steps played while Redis is down: the phones keep tapping, and are answered retryably. */
const STEPS_WITHOUT_REDIS = 6;
const plan = drawWithSeed(
  fc.record({
    schedule: arbSchedule(steps),
    killAt: fc.integer({ min: 1, max: steps - 1 }),
    redisDownAt: fc.integer({ min: 1, max: steps - 1 - STEPS_WITHOUT_REDIS }),
    victim: fc.integer({ min: 0, max: PROCESSES - 1 }),
  }),
  seed,
);
/** Bounds only: a run that never settles fails with its seed rather than hanging. */
const SETTLE_BOUND_MS = 40_000;
const RUN_BOUND_MS = 60_000 + SETTLE_BOUND_MS + steps * (MAX_PAUSE_MS + 60);

const servers = useServerProcesses();

describe.skipIf(!hasRedisServer)('several processes on one Redis, under faults', () => {
  it(
    `R1, R2, R3, R7, R8, R12: partners on different processes; a process SIGKILLed and Redis restarted mid-session lose nothing (FAULT_SEED=${String(seed)})`,
    async () => {
      const startedAt = performance.now();
      const cleanups: (() => Promise<void> | void)[] = [];
      try {
        const redis = await OwnRedisServer.start();
        cleanups.push(() => redis.dispose());
        const prefix = uniquePrefix();
        const env = { REDIS_URL: redis.url, REDIS_PREFIX: prefix, LOG_LEVEL: 'info' };
        const processes: ServerProcess[] = await Promise.all(
          Array.from({ length: PROCESSES }, () => servers.start(env)),
        );
        const everyProcess = [...processes];
        const ports = processes.map((server) => server.port);
        const balancer = nginxInstalled()
          ? await NginxBalancer.start(ports)
          : await TcpBalancer.start(ports);
        cleanups.push(() => balancer.close());

        // Each phone has a network of its own (cuts, stalls) in front of the balancer.
        const [proxyA, proxyB] = await Promise.all(
          [0, 1].map(() => TcpProxy.start({ targetPort: balancer.port })),
        );
        if (proxyA === undefined || proxyB === undefined) throw new Error('no proxies');
        cleanups.push(
          () => proxyA.close(),
          () => proxyB.close(),
        );

        const secret = newRoomSecret();
        const keys = await deriveRoomKeys(secret);
        const browserA = new Browser();
        browserA.registerAsCreator(keys.roomId);
        const a = await FaultPhone.open('A', secret, browserA, proxyA);
        cleanups.push(() => {
          a.stop();
        });
        await until(a.client, isOpen, 'A open');
        const b = await FaultPhone.open('B', secret, new Browser(), proxyB);
        cleanups.push(() => {
          b.stop();
        });
        await Promise.all([
          until(a.client, bothOnline, 'A sees both online'),
          until(b.client, bothOnline, 'B sees both online'),
        ]);
        // Round robin put them on different processes: each one's seat was taken on its own.
        const seatsTaken = processes.map(
          (server) => server.stdoutLines.filter((line) => line.includes('"seat taken"')).length,
        );
        expect(seatsTaken.filter((count) => count > 0)).toHaveLength(2);

        // A signal and its receipts, across processes.
        a.client.sendSignal('pause');
        await until(b.client, (view) => view.room.signals.length === 1, 'B alerted');
        b.client.acknowledge(b.view().room.signals.map((signal) => signal.id));
        await until(a.client, (view) => view.room.signals[0]?.seenAt != null, 'A sees it seen');

        let kills = 0;
        let redisDown = false;
        /** Replacements for processes killed while Redis was down: they could not start then. */
        const awaitingRedis: (() => Promise<void>)[] = [];
        const replace = async (index: number, victim: ServerProcess): Promise<void> => {
          const fresh = await servers.start({ ...env, PORT: String(victim.port) });
          everyProcess.push(fresh);
          processes[index] = fresh;
        };
        const killAndReplace = async (index: number): Promise<void> => {
          const victim = processes[index];
          if (victim === undefined) throw new Error(`no process ${String(index)}`);
          victim.kill('SIGKILL');
          await victim.exited;
          kills += 1;
          // A process does not start without Redis (it says so and exits), so its replacement
          // waits for Redis to be back, as a supervisor's retries would.
          if (redisDown) awaitingRedis.push(() => replace(index, victim));
          else await replace(index, victim);
        };
        const room = {
          a,
          b,
          // The schedule's server restarts: SIGKILL a process in turn and start a new one.
          restartServer: () => killAndReplace(kills % PROCESSES),
        };
        const run = new ChaosRun(room);
        const { schedule } = plan;
        let redisRestarts = 0;
        let played = 0;
        const playUntil = async (step: number) => {
          await run.play(schedule.slice(played, step));
          played = Math.max(played, step);
        };
        const restartRedisWhileTapping = async () => {
          await redis.stop('SIGKILL');
          redisDown = true;
          await playUntil(played + STEPS_WITHOUT_REDIS);
          await redis.restart();
          redisDown = false;
          redisRestarts += 1;
          for (const start of awaitingRedis.splice(0)) await start();
        };
        // The two planned faults, in the order their steps come.
        const planned: [number, () => Promise<void>][] = [
          [plan.killAt, () => killAndReplace(plan.victim)],
          [plan.redisDownAt, restartRedisWhileTapping],
        ];
        for (const [at, fault] of planned.sort(([x], [y]) => x - y)) {
          await playUntil(at);
          await fault();
        }
        await playUntil(schedule.length);
        run.heal();

        const audit = await openTestRedisStore(prefix, redis.url);
        cleanups.push(() => audit.store.close());
        const audited: AuditedRoom = {
          durable: { log: (roomId) => wholeLog(audit.store, roomId) },
          keys,
          a,
          b,
        };
        await settledWithin(untilQuiet(audited), SETTLE_BOUND_MS);
        const log = await audited.durable.log(keys.roomId);
        const result = await auditRoom(audited, log);
        const [phoneA, phoneB] = result.phones;
        const unreachableLogged = everyProcess.filter((server) =>
          server.stdoutLines.some((line) => line.includes('"redis unreachable')),
        ).length;
        const figures = {
          seed,
          steps,
          processes: PROCESSES,
          kills,
          redisRestarts,
          faults: run.describeFaults(),
          sent: phoneA.sent + phoneB.sent,
          stored: result.stored,
          delivered: phoneA.delivered + phoneB.delivered,
          duplicates: result.duplicates.length,
          lost: phoneA.lost.length + phoneB.lost.length,
          outOfOrder: phoneA.outOfOrder.length + phoneB.outOfOrder.length,
          phonesDiffering: result.phones.filter((phone) => phone.stateDiffers).length,
          closings: a.closings.length + b.closings.length,
          processesLoggingRedisLoss: unreachableLogged,
          balancer: balancer instanceof TcpBalancer ? 'tcp' : 'nginx',
          connectionsPerPort:
            balancer instanceof TcpBalancer ? [...balancer.sent.values()].join('/') : 'n/a',
          seconds: Math.round((performance.now() - startedAt) / 100) / 10,
        };
        console.log(
          `scale-out fault run: ${Object.entries(figures)
            .map(([name, value]) => `${name}=${String(value)}`)
            .join(' ')}`,
        );
        const replay = `replay with FAULT_SEED=${String(seed)} SCALE_FAULT_STEPS=${String(steps)}`;
        expect(figures.lost, `events lost; ${replay}`).toBe(0);
        expect(figures.duplicates, `events stored twice; ${replay}`).toBe(0);
        expect(figures.outOfOrder, `events out of order; ${replay}`).toBe(0);
        expect(figures.phonesDiffering, `phones differ from the log; ${replay}`).toBe(0);
        expect(figures.closings, `a phone's room closed; ${replay}`).toBe(0);
        expect(figures.delivered, `events not delivered; ${replay}`).toBe(figures.stored);
        expect(a.view().room).toEqual(result.reference);
        expect(b.view().room).toEqual(result.reference);
        expect(kills).toBeGreaterThanOrEqual(1);
        expect(redisRestarts).toBe(1);
        expect(unreachableLogged, 'the processes log the loss of Redis').toBeGreaterThan(0);
      } finally {
        for (const cleanup of cleanups.reverse()) await cleanup();
      }
    },
    RUN_BOUND_MS,
  );
});

async function settledWithin(settling: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new Error(
          `FAULT_SEED=${String(seed)}: the phones did not settle within ${String(ms / 1000)} s`,
        ),
      );
    }, ms);
  });
  try {
    await Promise.race([settling, bound]);
  } finally {
    clearTimeout(timer);
  }
}
