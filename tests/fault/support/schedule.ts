import fc from 'fast-check';
import { DEFAULT_PLAN } from '../../../shared/default-plan.ts';
import { CHECK_IN_ANSWERS, SIGNAL_KINDS } from '../../../shared/signals.ts';
import type { CheckInAnswer, SignalKind } from '../../../shared/signals.ts';
import type { CutMode } from '../../support/tcp-proxy.ts';
import type { PhoneName } from './phones.ts';

/**
 * A randomized session, drawn whole from one seed: what the partners do, which faults strike,
 * and how long each step waits before the next.
 */

/** Whose network a fault hits. */
export type NetworkTarget = PhoneName | 'both';

/** What a partner does on their phone. */
export type Action =
  | { readonly kind: 'signal'; readonly phone: PhoneName; readonly signal: SignalKind }
  /** Acknowledges every alert showing on that phone (nothing, if none is). */
  | { readonly kind: 'acknowledge'; readonly phone: PhoneName }
  /** Answers the oldest unanswered check-in from the partner (nothing, if there is none). */
  | { readonly kind: 'answer'; readonly phone: PhoneName; readonly answer: CheckInAnswer }
  | {
      readonly kind: 'tick';
      readonly phone: PhoneName;
      readonly itemId: string;
      readonly checked: boolean;
    };

export type Fault =
  | { readonly kind: 'cut'; readonly target: NetworkTarget; readonly mode: CutMode }
  /** Freezes the network for the next `forSteps` steps, then resumes it or cuts it. */
  | {
      readonly kind: 'stall';
      readonly target: NetworkTarget;
      readonly forSteps: number;
      readonly endsBy: 'resume' | 'cut';
    }
  | { readonly kind: 'restart' }
  | { readonly kind: 'reload'; readonly phone: PhoneName };

export type FaultKind = Fault['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['cut', 'stall', 'restart', 'reload'];

export type Step = (Action | Fault) & {
  /** How long to wait after this step, in ms: random timing is part of what is tested. */
  readonly pauseMs: number;
};

export const isFault = (step: Action | Fault): step is Fault =>
  (FAULT_KINDS as readonly string[]).includes(step.kind);

/** The longest a stall lasts, in steps; with the pauses it spans several heartbeats. */
export const MAX_STALL_STEPS = 30;
export const MAX_PAUSE_MS = 40;

const arbPhone = fc.constantFrom<PhoneName>('A', 'B');
const arbTarget = fc.constantFrom<NetworkTarget>('A', 'B', 'both');

const arbAction: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('signal'),
      phone: arbPhone,
      signal: fc.constantFrom(...SIGNAL_KINDS),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('acknowledge'), phone: arbPhone }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('answer'),
      phone: arbPhone,
      answer: fc.constantFrom(...CHECK_IN_ANSWERS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tick'),
      phone: arbPhone,
      itemId: fc.constantFrom(...DEFAULT_PLAN.map((item) => item.id)),
      checked: fc.boolean(),
    }),
  },
);

const arbFault: fc.Arbitrary<Fault> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('cut'),
      target: arbTarget,
      mode: fc.constantFrom<CutMode>('reset', 'fin'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('stall'),
      target: arbTarget,
      forSteps: fc.integer({ min: 1, max: MAX_STALL_STEPS }),
      endsBy: fc.constantFrom<'resume' | 'cut'>('resume', 'cut'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reload'), phone: arbPhone }) },
);

const arbStep: fc.Arbitrary<Step> = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: arbAction }, { weight: 1, arbitrary: arbFault }),
    fc.integer({ min: 0, max: MAX_PAUSE_MS }),
  )
  .map(([what, pauseMs]) => ({ ...what, pauseMs }));

/** Exactly `steps` steps. */
export const arbSchedule = (steps: number): fc.Arbitrary<Step[]> =>
  fc.array(arbStep, { minLength: steps, maxLength: steps });
