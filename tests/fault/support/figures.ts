import type { RoomAudit } from './audit.ts';
import type { ChaosRun } from './chaos.ts';
import type { FaultRoom } from './rig.ts';

/** What a randomized run did and what came of it: printed, then asserted. */
export interface RunFigures {
  readonly seed: number;
  readonly steps: number;
  /** "cut=3 stall=2 restart=1 reload=0" */
  readonly faults: string;
  /** Events either phone queued. */
  readonly sent: number;
  /** Events in the server's log. */
  readonly stored: number;
  /** Events the partner's phone holds. */
  readonly delivered: number;
  /** Appends the server was asked for beyond one per stored event: retries it deduplicated. */
  readonly resent: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly outOfOrder: number;
  /** Phones whose room differs from the one the server's log folds to. */
  readonly phonesDiffering: number;
  /** Times a phone's room closed: none is allowed, nothing here deletes the room. */
  readonly closings: number;
  readonly seconds: number;
}

export function figuresOf(
  context: { seed: number; steps: number; startedAt: number },
  room: FaultRoom,
  run: ChaosRun,
  audit: RoomAudit,
): RunFigures {
  const [a, b] = audit.phones;
  return {
    seed: context.seed,
    steps: context.steps,
    faults: run.describeFaults(),
    sent: a.sent + b.sent,
    stored: audit.stored,
    delivered: a.delivered + b.delivered,
    resent: room.durable.appendRequests.length - audit.stored,
    duplicates: audit.duplicates.length,
    lost: a.lost.length + b.lost.length,
    outOfOrder: a.outOfOrder.length + b.outOfOrder.length,
    phonesDiffering: audit.phones.filter((phone) => phone.stateDiffers).length,
    closings: room.a.closings.length + room.b.closings.length,
    seconds: Math.round((performance.now() - context.startedAt) / 100) / 10,
  };
}

/** Everything on one line, for logs and CI output. */
export const oneLine = (f: RunFigures): string =>
  `fault run: seed=${String(f.seed)} steps=${String(f.steps)} faults[${f.faults}] ` +
  `sent=${String(f.sent)} stored=${String(f.stored)} delivered=${String(f.delivered)} ` +
  `resent=${String(f.resent)} duplicates=${String(f.duplicates)} lost=${String(f.lost)} ` +
  `out_of_order=${String(f.outOfOrder)} phones_differing=${String(f.phonesDiffering)} ` +
  `closings=${String(f.closings)} wall=${String(f.seconds)}s`;

/** The same figures as a short table, and how to replay the run. */
export const summary = (f: RunFigures): string =>
  [
    `Fault run (replay: FAULT_SEED=${String(f.seed)} FAULT_STEPS=${String(f.steps)})`,
    `  faults     ${f.faults}`,
    `  sent       ${String(f.sent)}`,
    `  stored     ${String(f.stored)}`,
    `  delivered  ${String(f.delivered)} (to the partner's phone)`,
    `  resent     ${String(f.resent)} (retries the server deduplicated)`,
    `  duplicates ${String(f.duplicates)}`,
    `  lost       ${String(f.lost)}`,
    `  wall time  ${String(f.seconds)} s`,
  ].join('\n');
