import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Seat } from '../../shared/ids.ts';
import { otherSeat } from '../../shared/ids.ts';
import { foldLog, initialRoomState, reduceRoom } from '../../shared/reducer.ts';
import type { LogEntry, RoomState } from '../../shared/reducer.ts';
import {
  bothReflected,
  partnerReflectionReadable,
  shouldRevealOwn,
} from '../../shared/reflection.ts';
import { arbLog, arbSeat } from './support/arbitraries.ts';
import { KEYS, SEALED, reflect, reveal } from './support/arc-logs.ts';
import { ended, idOf, log, timeOf } from './support/logs.ts';

const [SEALED_0, SEALED_1] = SEALED;
const [KEY_0, KEY_1] = KEYS;

/** What each seat's state says: [both shared, should reveal own, partner readable (its key)]. */
const view = (state: RoomState, seat: Seat) => [
  bothReflected(state),
  shouldRevealOwn(state, seat),
  partnerReflectionReadable(state, seat)?.key ?? null,
];

describe('reflections in the log', () => {
  it.each([
    {
      name: 'nothing shared',
      log: log([0, ended]),
      reflections: [null, null],
      views: [
        [false, false, null],
        [false, false, null],
      ],
    },
    {
      name: 'one shared: kept sealed, not readable, nothing to reveal yet',
      log: log([0, ended], [1, reflect(SEALED_1)]),
      reflections: [null, { eventId: idOf(2), sealed: SEALED_1, sharedAt: timeOf(2), key: null }],
      views: [
        [false, false, null],
        [false, false, null],
      ],
    },
    {
      name: 'both shared: each phone reveals, neither reads yet',
      log: log([1, reflect(SEALED_1)], [0, reflect(SEALED_0)]),
      reflections: [
        { eventId: idOf(2), sealed: SEALED_0, sharedAt: timeOf(2), key: null },
        { eventId: idOf(1), sealed: SEALED_1, sharedAt: timeOf(1), key: null },
      ],
      views: [
        [true, true, null],
        [true, true, null],
      ],
    },
    {
      name: 'both shared, one revealed: the other reads it',
      log: log([1, reflect(SEALED_1)], [0, reflect(SEALED_0)], [1, reveal(KEY_1)]),
      reflections: [
        { sealed: SEALED_0, key: null },
        { sealed: SEALED_1, key: KEY_1 },
      ],
      views: [
        [true, true, KEY_1],
        [true, false, null],
      ],
    },
    {
      name: 'both revealed: both read',
      log: log(
        [1, reflect(SEALED_1)],
        [0, reflect(SEALED_0)],
        [1, reveal(KEY_1)],
        [0, reveal(KEY_0)],
      ),
      reflections: [{ key: KEY_0 }, { key: KEY_1 }],
      views: [
        [true, false, KEY_1],
        [true, false, KEY_0],
      ],
    },
    {
      name: '"Show mine now": revealed before the partner shared, it is readable at once',
      log: log([0, reflect(SEALED_0)], [0, reveal(KEY_0)]),
      reflections: [{ key: KEY_0 }, null],
      views: [
        [false, false, null],
        [false, false, KEY_0],
      ],
    },
    {
      name: 'a key from the seat that has not shared is ignored (no key in state)',
      log: log([0, reflect(SEALED_0)], [1, reveal(KEY_1)], [1, reflect(SEALED_1)]),
      reflections: [{ key: null }, { sealed: SEALED_1, key: null }],
      views: [
        [true, true, null],
        [true, true, null],
      ],
    },
    {
      name: "a key never opens the partner's reflection, only its sender's own",
      log: log([0, reflect(SEALED_0)], [1, reveal(KEY_0)]),
      reflections: [{ key: null }, null],
      views: [
        [false, false, null],
        [false, false, null],
      ],
    },
    {
      name: 'only the first key counts',
      log: log([0, reflect(SEALED_0)], [0, reveal(KEY_0)], [0, reveal(KEY_1)]),
      reflections: [{ key: KEY_0 }, null],
      views: [
        [false, false, null],
        [false, false, KEY_0],
      ],
    },
    {
      name: 'only the first reflection counts: a second one is not read instead',
      log: log([0, reflect(SEALED_0)], [0, reflect(SEALED_1)]),
      reflections: [{ eventId: idOf(1), sealed: SEALED_0, sharedAt: timeOf(1) }, null],
      views: [
        [false, false, null],
        [false, false, null],
      ],
    },
  ])('$name', ({ log: entries, reflections, views }) => {
    const state = foldLog(entries);
    expect(state.reflections).toMatchObject(reflections);
    expect([view(state, 0), view(state, 1)]).toEqual(views);
  });
});

/** The reflections a log should give, written plainly: the first share and the first key after it. */
function modelReflections(entries: readonly LogEntry[]) {
  const model: [
    { eventId: string; key: string | null } | null,
    { eventId: string; key: string | null } | null,
  ] = [null, null];
  for (const { seat, event, eventId } of entries) {
    const own = model[seat];
    if (event.type === 'reflection_shared' && own === null) model[seat] = { eventId, key: null };
    if (event.type === 'reflection_revealed' && own !== null && own.key === null)
      own.key = event.key;
  }
  return model.map((r) => (r === null ? null : { eventId: r.eventId, key: r.key }));
}

describe('reflection properties', () => {
  it('in any log: the first share per seat, and only a key its own seat sent after it', () => {
    fc.assert(
      fc.property(arbLog(50), (entries) => {
        let state = initialRoomState;
        entries.forEach((entry, i) => {
          state = reduceRoom(state, entry);
          expect(state.reflections.map((r) => r && { eventId: r.eventId, key: r.key })).toEqual(
            modelReflections(entries.slice(0, i + 1)),
          );
        });
      }),
    );
  });

  it("keys the partner sends never change a seat's reflection", () => {
    fc.assert(
      fc.property(arbLog(50), arbSeat, (entries, seat) => {
        const withoutPartnerKeys = entries.filter(
          (e) => !(e.seat === otherSeat(seat) && e.event.type === 'reflection_revealed'),
        );
        expect(foldLog(withoutPartnerKeys).reflections[seat]).toEqual(
          foldLog(entries).reflections[seat],
        );
      }),
    );
  });

  it('phones that reveal only when shouldRevealOwn says so: nothing is readable before both shared', () => {
    // Each step: a seat shares, or a phone acts on a possibly stale view of the log (a prefix).
    const arbStep = fc.oneof(
      arbSeat.map((seat) => ({ kind: 'share' as const, seat })),
      fc.record({
        kind: fc.constant('maybe_reveal' as const),
        seat: arbSeat,
        lag: fc.nat({ max: 4 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 20 }), (steps) => {
        const entries: LogEntry[] = [];
        const append = (seat: Seat, event: LogEntry['event']) => {
          const seq = entries.length + 1;
          entries.push({ seq, eventId: idOf(seq), seat, storedAt: timeOf(seq), event });
        };
        for (const step of steps) {
          if (step.kind === 'share') append(step.seat, reflect(SEALED[step.seat]));
          else {
            const seen = foldLog(entries.slice(0, Math.max(0, entries.length - step.lag)));
            if (shouldRevealOwn(seen, step.seat)) append(step.seat, reveal(KEYS[step.seat]));
          }
          const state = foldLog(entries);
          for (const seat of [0, 1] as const) {
            if (partnerReflectionReadable(state, seat) !== null)
              expect(bothReflected(state)).toBe(true);
          }
        }
      }),
    );
  });
});
