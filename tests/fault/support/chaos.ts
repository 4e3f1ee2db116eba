import { setTimeout as wait } from 'node:timers/promises';
import { pendingAlertsFor } from '../../../shared/reducer.ts';
import type { FaultPhone, PhoneName } from './phones.ts';
import type { FaultRoom } from './rig.ts';
import { FAULT_KINDS } from './schedule.ts';
import type { Action, Fault, FaultKind, NetworkTarget, Step } from './schedule.ts';
import { isFault } from './schedule.ts';

/**
 * Plays a schedule against a room: each step is a partner's action or a fault, then its pause.
 * Stalls end by themselves after their steps; `heal()` ends whatever is still in force.
 */
export class ChaosRun {
  readonly faults: Record<FaultKind, number> = { cut: 0, stall: 0, restart: 0, reload: 0 };
  /** Stalled networks: steps left, and how each ends. */
  readonly #stalls = new Map<PhoneName, { left: number; endsBy: 'resume' | 'cut' }>();

  /** Only the phones and the restart are used: a room on several processes can be played too. */
  constructor(private readonly room: Pick<FaultRoom, 'a' | 'b' | 'restartServer'>) {}

  async play(steps: readonly Step[]): Promise<void> {
    for (const step of steps) {
      // A stall spans the pauses of `forSteps` steps, its own included.
      this.#countDownStalls();
      if (isFault(step)) await this.#inject(step);
      else this.#act(step);
      await wait(step.pauseMs);
    }
  }

  /** Ends every stall still in force; the network is whole again. */
  heal(): void {
    for (const name of [...this.#stalls.keys()]) this.#endStall(name, 'resume');
  }

  /** "cut=3 stall=2 restart=1 reload=0" */
  describeFaults(): string {
    return FAULT_KINDS.map((kind) => `${kind}=${String(this.faults[kind])}`).join(' ');
  }

  #phone(name: PhoneName): FaultPhone {
    return name === 'A' ? this.room.a : this.room.b;
  }

  #act(action: Action): void {
    const phone = this.#phone(action.phone);
    const view = phone.view();
    const seat = view.seat;
    if (seat === null) return;
    switch (action.kind) {
      case 'signal':
        phone.client.sendSignal(action.signal);
        return;
      case 'acknowledge': {
        const pending = pendingAlertsFor(view.room, seat).map((signal) => signal.id);
        if (pending.length > 0) phone.client.acknowledge(pending);
        return;
      }
      case 'answer': {
        const checkIn = view.room.signals.find(
          (signal) => signal.kind === 'check_in' && signal.from !== seat && signal.answer === null,
        );
        if (checkIn !== undefined) phone.client.answerCheckIn(checkIn.id, action.answer);
        return;
      }
      case 'tick':
        phone.client.setItemChecked(action.itemId, action.checked);
        return;
    }
  }

  async #inject(fault: Fault): Promise<void> {
    this.faults[fault.kind] += 1;
    switch (fault.kind) {
      case 'cut':
        for (const name of targets(fault.target)) {
          // A cut also ends a stall of that network.
          this.#stalls.delete(name);
          this.#phone(name).proxy.cut(fault.mode);
        }
        return;
      case 'stall':
        for (const name of targets(fault.target)) {
          this.#stalls.set(name, { left: fault.forSteps, endsBy: fault.endsBy });
          this.#phone(name).proxy.stall();
        }
        return;
      case 'restart':
        await this.room.restartServer();
        return;
      case 'reload':
        await this.#phone(fault.phone).reload();
        return;
    }
  }

  #countDownStalls(): void {
    for (const [name, stall] of [...this.#stalls]) {
      stall.left -= 1;
      if (stall.left <= 0) this.#endStall(name, stall.endsBy);
    }
  }

  #endStall(name: PhoneName, endsBy: 'resume' | 'cut'): void {
    this.#stalls.delete(name);
    const proxy = this.#phone(name).proxy;
    if (endsBy === 'cut') proxy.cut();
    else proxy.resume();
  }
}

const targets = (target: NetworkTarget): readonly PhoneName[] =>
  target === 'both' ? ['A', 'B'] : [target];
