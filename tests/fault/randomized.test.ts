import { expect, it } from 'vitest';
import { countFromEnv, drawWithSeed, seedFromEnv } from '../support/seeded.ts';
import { auditRoom, untilQuiet } from './support/audit.ts';
import { ChaosRun } from './support/chaos.ts';
import { figuresOf, oneLine, summary } from './support/figures.ts';
import type { RunFigures } from './support/figures.ts';
import { useFaultRig } from './support/rig.ts';
import type { FaultRoom } from './support/rig.ts';
import { MAX_PAUSE_MS, arbSchedule } from './support/schedule.ts';

/**
 * Both partners use the room while faults strike at random: cut connections, frozen networks,
 * server crashes, page reloads. Once every fault has healed, the room must hold everything either
 * phone ever queued, exactly once, and both phones must show the same room, in the server's order.
 *
 * The whole run is drawn from one seed, printed with the figures: FAULT_SEED=<n> replays a run
 * (the same steps; the timing between them is the machine's), FAULT_STEPS=<n> makes it longer.
 */

const DEFAULT_STEPS = 1000;
const seed = seedFromEnv('FAULT_SEED');
const steps = countFromEnv('FAULT_STEPS', DEFAULT_STEPS);
const schedule = drawWithSeed(arbSchedule(steps), seed);

/**
 * Bounds, so that a phone that never settles fails the run (with its seed and figures) rather
 * than hanging it. They bound; nothing is asserted about how long anything takes.
 */
const SETTLE_BOUND_MS = 45_000;
const RUN_BOUND_MS = SETTLE_BOUND_MS + 30_000 + steps * (MAX_PAUSE_MS + 60);

const rig = useFaultRig();

async function settledWithin(room: FaultRoom, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the phones did not settle within ${String(ms / 1000)} s of healing`));
    }, ms);
  });
  try {
    await Promise.race([untilQuiet(room), bound]);
  } finally {
    clearTimeout(timer);
  }
}

async function measure(room: FaultRoom, run: ChaosRun, startedAt: number): Promise<RunFigures> {
  const log = await room.durable.log(room.keys.roomId);
  return figuresOf({ seed, steps, startedAt }, room, run, await auditRoom(room, log));
}

it(
  `R1, R2, R3, R7, R8: a randomized session under cuts, stalls, restarts and reloads loses nothing (FAULT_SEED=${String(seed)})`,
  async () => {
    const startedAt = performance.now();
    const room = await rig.room();
    const run = new ChaosRun(room);
    try {
      await run.play(schedule);
      run.heal();
      await settledWithin(room, SETTLE_BOUND_MS);
    } catch (error) {
      console.log(oneLine(await measure(room, run, startedAt)));
      throw new Error(`FAULT_SEED=${String(seed)}: ${String(error)}`, { cause: error });
    }
    const figures = await measure(room, run, startedAt);
    console.log(`${oneLine(figures)}\n${summary(figures)}`);

    const replay = `replay with FAULT_SEED=${String(seed)} FAULT_STEPS=${String(steps)}`;
    expect(figures.lost, `events lost; ${replay}`).toBe(0);
    expect(figures.duplicates, `events stored twice; ${replay}`).toBe(0);
    expect(figures.outOfOrder, `events out of their sender's order; ${replay}`).toBe(0);
    expect(figures.phonesDiffering, `phones differ from the log; ${replay}`).toBe(0);
    expect(figures.closings, `a phone's room closed; ${replay}`).toBe(0);
    expect(figures.delivered, `events not delivered; ${replay}`).toBe(figures.stored);
  },
  RUN_BOUND_MS,
);
