import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContentEvent } from '../../shared/content.ts';
import type { Seat } from '../../shared/ids.ts';
import { otherSeat } from '../../shared/ids.ts';
import { ownTestSeen, testAlertAwaiting } from '../../shared/readiness.ts';
import { foldLog, initialRoomState } from '../../shared/reducer.ts';
import type { LogEntry, RoomState } from '../../shared/reducer.ts';
import { arbContentEvent } from './support/arbitraries.ts';
import { deepFreeze, entryAt, idOf, log, signal, started, timeOf } from './support/logs.ts';

deepFreeze(initialRoomState);

const test: ContentEvent = { type: 'test_alert' };
const gotIt = (seq: number): ContentEvent => ({ type: 'test_alert_seen', ref: idOf(seq) });
const UNKNOWN = 'unknown_test_alert_id__';

/** The room after `steps`, with the state frozen so the reducer is caught mutating it. */
const fold = (...steps: readonly (readonly [Seat, ContentEvent])[]): RoomState =>
  deepFreeze(foldLog(log(...steps)));

describe('the ready check in the reducer: tables', () => {
  it('keeps each seat’s latest test, not yet seen', () => {
    const room = fold([0, test]);
    expect(room.testAlerts).toEqual([
      { id: idOf(1), seq: 1, sentAt: timeOf(1), seenAt: null },
      null,
    ]);
    expect(testAlertAwaiting(room, 1)?.id).toBe(idOf(1));
    // The sender is not alerted by its own test.
    expect(testAlertAwaiting(room, 0)).toBeNull();
    expect(ownTestSeen(room, 0)).toBe(false);
  });

  it('marks it seen when the partner says "Got it"', () => {
    const room = fold([0, test], [1, gotIt(1)]);
    expect(room.testAlerts[0]?.seenAt).toBe(timeOf(2));
    expect(ownTestSeen(room, 0)).toBe(true);
    expect(ownTestSeen(room, 1)).toBe(false);
    expect(testAlertAwaiting(room, 1)).toBeNull();
  });

  it.each<[string, readonly (readonly [Seat, ContentEvent])[]]>([
    ['an unknown ref', [[1, { type: 'test_alert_seen', ref: UNKNOWN }]]],
    ['the sender’s own test', [[0, gotIt(1)]]],
    [
      'a ref to a signal, not a test',
      [
        [0, signal('pause')],
        [1, gotIt(2)],
      ],
    ],
  ])('ignores a "Got it" for %s', (_name, after) => {
    const before = fold([0, test]);
    const room = fold([0, test], ...after);
    expect(room.testAlerts).toEqual(before.testAlerts);
    expect(ownTestSeen(room, 0)).toBe(false);
  });

  it('a new test supersedes the old one: seen or not, it asks afresh', () => {
    const room = fold([0, test], [1, gotIt(1)], [0, test]);
    expect(room.testAlerts[0]).toEqual({ id: idOf(3), seq: 3, sentAt: timeOf(3), seenAt: null });
    expect(ownTestSeen(room, 0)).toBe(false);
    expect(testAlertAwaiting(room, 1)?.id).toBe(idOf(3));
  });

  it('a "Got it" for a superseded test does not vouch for the new one', () => {
    const room = fold([0, test], [0, test], [1, gotIt(1)]);
    expect(room.testAlerts[0]?.seenAt).toBeNull();
  });

  it('a second "Got it" keeps the time of the first', () => {
    const room = fold([0, test], [1, gotIt(1)], [1, gotIt(1)]);
    expect(room.testAlerts[0]?.seenAt).toBe(timeOf(2));
  });

  it('the same test served again under a new seq changes nothing', () => {
    const first = entryAt(1, 0, test);
    const copy = { ...entryAt(3, 0, test), eventId: first.eventId };
    const room = foldLog([first, entryAt(2, 1, gotIt(1)), copy]);
    expect(room.testAlerts[0]?.seenAt).toBe(timeOf(2));
  });

  it('both seats pass independently, before or during a session', () => {
    const room = fold([0, test], [1, test], [0, started], [1, gotIt(1)], [0, gotIt(2)]);
    expect(ownTestSeen(room, 0)).toBe(true);
    expect(ownTestSeen(room, 1)).toBe(true);
    expect(room.session.status).toBe('in_progress');
  });
});

// ---- Properties ----

/** One step of a seat's ready check: send a test, or say "Got it" to some earlier ref. */
type Op = { readonly type: 'test' } | { readonly type: 'seen'; readonly pick: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ type: 'test' }),
  fc.nat().map((pick): Op => ({ type: 'seen', pick })),
);

/** An op, made into an event: a "Got it" refers to any event earlier in the log, or none. */
const arbSteps = fc.array(fc.tuple(fc.constantFrom<Seat>(0, 1), arbOp), { maxLength: 30 });

function eventsOf(steps: readonly (readonly [Seat, Op])[]): [Seat, ContentEvent][] {
  return steps.map(([seat, op], i): [Seat, ContentEvent] => {
    if (op.type === 'test') return [seat, test];
    // Entries 1..i are earlier (log() gives entry n the id idOf(n)); one more choice: unknown.
    const target = op.pick % (i + 1);
    return [seat, target === i ? { type: 'test_alert_seen', ref: UNKNOWN } : gotIt(target + 1)];
  });
}

/** Numbers entries 1, 2, … in their new order; ids and times stay with the entries. */
const renumbered = (entries: readonly Omit<LogEntry, 'seq'>[]): LogEntry[] =>
  entries.map((entry, k) => ({ ...entry, seq: k + 1 }));

/**
 * The model, said another way: a seat's test is the last one it sent; it is seen at the first
 * "Got it" from the other seat, after it, that names it.
 */
function model(entries: readonly LogEntry[]): RoomState['testAlerts'] {
  const of = (seat: Seat) => {
    const index = entries.findLastIndex((e) => e.seat === seat && e.event.type === 'test_alert');
    const sent = entries[index];
    if (sent === undefined) return null;
    const ack = entries
      .slice(index + 1)
      .find(
        (e) =>
          e.seat === otherSeat(seat) &&
          e.event.type === 'test_alert_seen' &&
          e.event.ref === sent.eventId,
      );
    return {
      id: sent.eventId,
      seq: sent.seq,
      sentAt: sent.storedAt,
      seenAt: ack?.storedAt ?? null,
    };
  };
  return [of(0), of(1)];
}

/** Each seat's test as id and times: what a reordered log (new seqs) must keep. */
const timesOf = (state: RoomState) =>
  state.testAlerts.map((t) => (t === null ? null : [t.id, t.sentAt, t.seenAt]));

const notReadyCheck = arbContentEvent.filter(
  (event) => event.type !== 'test_alert' && event.type !== 'test_alert_seen',
);

describe('the ready check in the reducer: properties', () => {
  it('matches the model: the latest test per seat, seen at the partner’s first "Got it" for it', () => {
    fc.assert(
      fc.property(arbSteps, (steps) => {
        const entries = log(...eventsOf(steps));
        expect(foldLog(entries).testAlerts).toEqual(model(entries));
      }),
    );
  });

  it('a duplicate "Got it", anywhere after the first, changes nothing', () => {
    fc.assert(
      fc.property(arbSteps, fc.nat(), fc.nat(), (steps, which, where) => {
        const entries = log(...eventsOf(steps));
        const acks = entries.flatMap((entry, i) =>
          entry.event.type === 'test_alert_seen' ? [i] : [],
        );
        fc.pre(acks.length > 0);
        const at = acks[which % acks.length] ?? 0;
        const original = entries[at];
        if (original === undefined) return;
        const insertAt = at + 1 + (where % (entries.length - at));
        // Sent again as a new event (its own id), later than the first.
        const copy = { ...original, eventId: 'duplicate_ack_________', storedAt: timeOf(999) };
        const duplicated = renumbered([
          ...entries.slice(0, insertAt),
          copy,
          ...entries.slice(insertAt),
        ]);
        expect(timesOf(foldLog(duplicated))).toEqual(timesOf(foldLog(entries)));
      }),
    );
  });

  it('order-independent between the seats: how one seat’s steps interleave with the other’s does not matter', () => {
    // Swapping neighbouring entries of different seats keeps each seat's own order, and every
    // "Got it" after what it names (as any real log has it); each entry keeps its id and time.
    fc.assert(
      fc.property(arbSteps, fc.array(fc.nat(), { maxLength: 60 }), (steps, swaps) => {
        const original = log(...eventsOf(steps));
        const swapped = [...original];
        for (const pick of swaps) {
          if (swapped.length < 2) break;
          const k = pick % (swapped.length - 1);
          const first = swapped[k];
          const second = swapped[k + 1];
          if (first === undefined || second === undefined) continue;
          const names =
            second.event.type === 'test_alert_seen' && second.event.ref === first.eventId;
          if (first.seat !== second.seat && !names) [swapped[k], swapped[k + 1]] = [second, first];
        }
        expect(timesOf(foldLog(renumbered(swapped)))).toEqual(timesOf(foldLog(original)));
      }),
    );
  });

  it('other events never change the ready check', () => {
    fc.assert(
      fc.property(
        arbSteps,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom<Seat>(0, 1), notReadyCheck), { maxLength: 10 }),
        (steps, others) => {
          const checkOnly = log(...eventsOf(steps));
          // Slot the other events in between, keeping each entry's id and time.
          const mixed: Omit<LogEntry, 'seq'>[] = [...checkOnly];
          for (const [at, seat, event] of others) {
            const index = at % (mixed.length + 1);
            mixed.splice(index, 0, {
              eventId: `other${String(index)}`.padEnd(22, '_'),
              seat,
              storedAt: 0,
              event,
            });
          }
          expect(timesOf(foldLog(renumbered(mixed)))).toEqual(timesOf(foldLog(checkOnly)));
        },
      ),
    );
  });
});
