import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETRY_MIN_MS } from '../../../client/src/room/backoff.ts';
import { failureAction } from '../../../client/src/room/request-failure.ts';
import { RoomKeeper } from '../../../client/src/room/room-keeper.ts';
import type { Reply } from '../../../client/src/room/room-socket.ts';
import { UNANSWERED } from '../../../client/src/room/room-socket.ts';
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { deferred } from '../../support/deferred.ts';
import type { Deferred } from '../../support/deferred.ts';

type KeepReply = Reply<'room:keep'>;

/** A keeper over a fake connection whose answers the test gives, one request at a time. */
function keeperRig() {
  const asked: { until: number; reply: Deferred<KeepReply> }[] = [];
  const state = { canSend: true, rejoins: 0, outdated: 0, inFlight: 0, mostInFlight: 0 };
  const keeper = new RoomKeeper({
    canSend: () => state.canSend,
    send: async (until) => {
      const reply = deferred<KeepReply>();
      asked.push({ until, reply });
      state.inFlight += 1;
      state.mostInFlight = Math.max(state.mostInFlight, state.inFlight);
      const answer = await reply.promise;
      state.inFlight -= 1;
      return answer;
    },
    rejoin: () => {
      state.rejoins += 1;
    },
    outdated: () => {
      state.outdated += 1;
    },
  });
  /** Answers the last request asked, then lets the keeper act on it. */
  const answer = async (reply: KeepReply) => {
    const last = asked.at(-1);
    if (last === undefined) throw new Error('nothing was asked');
    last.reply.resolve(reply);
    await flush();
  };
  const kept = (until: number): KeepReply => ({ ok: true, keptUntil: until });
  return { keeper, asked, state, answer, kept, times: () => asked.map((a) => a.until) };
}

/** Lets every promise already settled run its callbacks. */
const flush = () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });

const refusal = (code: ErrorCode): KeepReply => ({ ok: false, error: { code } });

const T = 1_700_000_000_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('RoomKeeper', () => {
  it('asks nothing until a time is wanted, then asks it once', async () => {
    const { keeper, times, answer, kept } = keeperRig();
    keeper.joined();
    keeper.want(null);
    await flush();
    expect(times()).toEqual([]);
    keeper.want(T);
    keeper.want(T);
    await answer(kept(T));
    keeper.want(T);
    keeper.wake();
    await flush();
    expect(times()).toEqual([T]);
  });

  it('asks again for each new time, lower ones included, one request at a time', async () => {
    const { keeper, times, answer, kept, state } = keeperRig();
    keeper.want(T + 50);
    keeper.want(T + 20);
    keeper.want(0);
    // Only the first is in flight; once answered, the latest wanted time goes next.
    expect(times()).toEqual([T + 50]);
    await answer(kept(T + 50));
    expect(times()).toEqual([T + 50, 0]);
    await answer(kept(0));
    keeper.want(T + 10);
    await answer(kept(T + 10));
    expect(times()).toEqual([T + 50, 0, T + 10]);
    expect(state.mostInFlight).toBe(1);
  });

  it('asks only while it may send (seat held, sending tab), and as soon as it may', async () => {
    const { keeper, times, state } = keeperRig();
    state.canSend = false;
    keeper.want(T);
    keeper.joined();
    await flush();
    expect(times()).toEqual([]);
    state.canSend = true;
    keeper.wake();
    expect(times()).toEqual([T]);
  });

  it('asks again after every join, even for the same time', async () => {
    const { keeper, times, answer, kept } = keeperRig();
    keeper.want(T);
    await answer(kept(T));
    keeper.joined();
    await answer(kept(T));
    keeper.joined();
    await answer(kept(T));
    expect(times()).toEqual([T, T, T]);
  });

  it('does not take an answer from the connection before a join for one on the new one', async () => {
    const { keeper, times, answer, kept } = keeperRig();
    keeper.want(T);
    keeper.joined();
    await answer(kept(T));
    expect(times()).toEqual([T, T]);
    await answer(kept(T));
    expect(times()).toEqual([T, T]);
  });

  it('ignores a time the contract refuses, keeping what was wanted', async () => {
    const { keeper, times, answer, kept } = keeperRig();
    keeper.want(T);
    await answer(kept(T));
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) keeper.want(bad);
    keeper.joined();
    await flush();
    expect(times()).toEqual([T, T]);
  });

  describe('a refusal', () => {
    const rows = [
      ...ERROR_CODES.map((code) => ({ what: code, reply: refusal(code) })),
      { what: 'no answer', reply: UNANSWERED as KeepReply },
    ];
    const actionOf = (reply: KeepReply) =>
      'timeout' in reply || reply.ok ? 'retry' : failureAction(reply.error.code);

    it.each(rows)('$what: handled as its failure action says', async ({ reply }) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { keeper, times, answer, kept, state } = keeperRig();
      keeper.want(T);
      await answer(reply);
      switch (actionOf(reply)) {
        case 'retry':
          // Asked again after the backoff, without a join.
          expect(times()).toEqual([T]);
          await vi.advanceTimersByTimeAsync(RETRY_MIN_MS);
          expect(times()).toEqual([T, T]);
          await answer(kept(T));
          break;
        case 'rejoin':
          // The connection lost its seat: it joins again, and the join asks again.
          expect(state.rejoins).toBe(1);
          await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 100);
          expect(times()).toEqual([T]);
          keeper.joined();
          expect(times()).toEqual([T, T]);
          break;
        case 'outdated':
          expect(state.outdated).toBe(1);
          await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 100);
          expect(times()).toEqual([T]);
          break;
        case 'final':
          // Let be: not asked again for that time, but for another one, or at the next join.
          await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 100);
          keeper.wake();
          expect(times()).toEqual([T]);
          keeper.want(T + 1);
          await answer(kept(T + 1));
          keeper.joined();
          expect(times()).toEqual([T, T + 1, T + 1]);
          break;
      }
      expect(state.rejoins + state.outdated).toBe(
        ['rejoin', 'outdated'].includes(actionOf(reply)) ? 1 : 0,
      );
    });

    it('a new time ends the backoff: it is asked at once', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { keeper, times, answer } = keeperRig();
      keeper.want(T);
      await answer(refusal('storage_unavailable'));
      keeper.want(T + 5);
      await vi.advanceTimersByTimeAsync(0);
      expect(times()).toEqual([T, T + 5]);
    });
  });

  it('after any mix of wants, joins and pauses, the server was last asked the time wanted, one request at a time', async () => {
    const step = fc.oneof(
      fc.record({ want: fc.option(fc.constantFrom(0, T, T + 1, T + 2), { nil: null }) }),
      fc.constant({ join: true }),
      fc.record({ canSend: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 20 }), async (steps) => {
        const asked: number[] = [];
        let canSend = true;
        let inFlight = 0;
        const keeper = new RoomKeeper({
          canSend: () => canSend,
          send: async (until) => {
            asked.push(until);
            inFlight += 1;
            expect(inFlight).toBe(1);
            await Promise.resolve();
            inFlight -= 1;
            return { ok: true, keptUntil: until };
          },
          rejoin: () => undefined,
          outdated: () => undefined,
        });
        let wanted: number | null = null;
        for (const s of steps) {
          if ('want' in s) {
            keeper.want(s.want);
            wanted = s.want;
          } else if ('join' in s) keeper.joined();
          else canSend = s.canSend;
          await flush();
        }
        canSend = true;
        keeper.wake();
        await flush();
        // Nothing wanted (null) asks nothing more: the server keeps what it was last asked.
        if (wanted !== null) expect(asked.at(-1)).toBe(wanted);
      }),
      { numRuns: 200 },
    );
  });
});
