import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '../../shared/default-plan.ts';
import type { Seat } from '../../shared/ids.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  deliveryReceiptsOwedBy,
  foldLog,
  initialRoomState,
  latestSignalFrom,
  pendingAlertsFor,
  reduceRoom,
  signalStatus,
} from '../../shared/reducer.ts';
import type {
  ChecklistItem,
  LogEntry,
  RoomState,
  SignalRecord,
  SignalStatus,
} from '../../shared/reducer.ts';
import {
  arbLog,
  arbRedeliveries,
  splitAt,
  UNKNOWN_SIGNAL_ID,
  withRedeliveries,
} from './support/arbitraries.ts';
import {
  added,
  answer,
  checked,
  copyOf,
  deepFreeze,
  delivered,
  ended,
  entryAt,
  idOf,
  log,
  seen,
  signal,
  started,
  timeOf,
} from './support/logs.ts';

deepFreeze(initialRoomState);

const SEATS: readonly Seat[] = [0, 1];

describe('initial state', () => {
  it('starts empty, not started, with the default checklist unticked', () => {
    expect(initialRoomState.lastSeq).toBe(0);
    expect(initialRoomState.signals).toEqual([]);
    expect(initialRoomState.session).toEqual({
      status: 'not_started',
      startedAt: null,
      endedAt: null,
      endedBy: null,
    });
    expect(initialRoomState.checklist).toEqual(DEFAULT_PLAN);
    expect(
      initialRoomState.checklist.every(
        (item: ChecklistItem) =>
          item.audience === 'both' && !item.checked && item.source === 'default',
      ),
    ).toBe(true);
  });

  it('has unique default item ids and leaves room for additions', () => {
    const ids = DEFAULT_PLAN.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThan(LIMITS.maxChecklistItems);
  });

  it('is what foldLog of an empty log gives', () => {
    expect(foldLog([])).toBe(initialRoomState);
  });
});

// ---- Signals and receipts ----

interface SignalCase {
  readonly name: string;
  readonly log: readonly LogEntry[];
  /** Every signal in the final state, in order (fields not listed are not checked). */
  readonly signals: readonly Partial<SignalRecord>[];
  readonly statuses: readonly SignalStatus[];
}

const SIGNAL_CASES: readonly SignalCase[] = [
  {
    name: 'a signal alone is sent',
    log: log([0, signal('pause')]),
    signals: [
      {
        id: idOf(1),
        kind: 'pause',
        from: 0,
        seq: 1,
        sentAt: timeOf(1),
        deliveredAt: null,
        seenAt: null,
        answer: null,
      },
    ],
    statuses: ['sent'],
  },
  {
    name: 'a signal then delivered',
    log: log([0, signal('slow_down')], [1, delivered(1)]),
    signals: [{ kind: 'slow_down', deliveredAt: timeOf(2), seenAt: null }],
    statuses: ['delivered'],
  },
  {
    name: 'a signal then delivered then seen',
    log: log([1, signal('pause')], [0, delivered(1)], [0, seen(1)]),
    signals: [{ from: 1, deliveredAt: timeOf(2), seenAt: timeOf(3), answer: null }],
    statuses: ['seen'],
  },
  {
    name: 'seen implies delivered (at the same time)',
    log: log([0, signal('pause')], [1, seen(1)]),
    signals: [{ deliveredAt: timeOf(2), seenAt: timeOf(2) }],
    statuses: ['seen'],
  },
  {
    name: 'a late delivered receipt after seen changes nothing',
    log: log([0, signal('pause')], [1, seen(1)], [1, delivered(1)]),
    signals: [{ deliveredAt: timeOf(2), seenAt: timeOf(2) }],
    statuses: ['seen'],
  },
  {
    name: 'the first delivered and the first seen receipts count',
    log: log(
      [0, signal('pause')],
      [1, delivered(1)],
      [1, delivered(1)],
      [1, seen(1)],
      [1, seen(1)],
    ),
    signals: [{ deliveredAt: timeOf(2), seenAt: timeOf(4) }],
    statuses: ['seen'],
  },
  {
    name: "a delivered receipt from the sender's own seat is ignored",
    log: log([0, signal('pause')], [0, delivered(1)]),
    signals: [{ deliveredAt: null }],
    statuses: ['sent'],
  },
  {
    name: "a seen receipt from the sender's own seat is ignored",
    log: log([1, signal('slow_down')], [1, seen(1)]),
    signals: [{ deliveredAt: null, seenAt: null }],
    statuses: ['sent'],
  },
  {
    name: "an answer from the sender's own seat is ignored",
    log: log([0, signal('check_in')], [0, answer(1, 'okay')]),
    signals: [{ answer: null, seenAt: null, deliveredAt: null }],
    statuses: ['sent'],
  },
  {
    name: 'receipts for an unknown signal are ignored',
    log: log(
      [0, signal('pause')],
      [1, { type: 'signal_delivered', signalId: UNKNOWN_SIGNAL_ID }],
      [1, { type: 'signal_seen', signalIds: [UNKNOWN_SIGNAL_ID] }],
      [1, { type: 'check_in_answer', signalId: UNKNOWN_SIGNAL_ID, answer: 'okay' }],
    ),
    signals: [{ id: idOf(1), deliveredAt: null, seenAt: null }],
    statuses: ['sent'],
  },
  {
    name: 'receipts naming a non-signal entry are ignored',
    log: log([0, started], [1, delivered(1)], [1, seen(1)], [0, signal('pause')]),
    signals: [{ id: idOf(4), deliveredAt: null, seenAt: null }],
    statuses: ['sent'],
  },
  {
    name: 'receipts that arrive before their signal are ignored',
    log: log([1, delivered(3)], [1, seen(3)], [0, signal('pause')]),
    signals: [{ id: idOf(3), deliveredAt: null, seenAt: null }],
    statuses: ['sent'],
  },
  {
    name: 'a check-in answer implies seen and delivered',
    log: log([0, signal('check_in')], [1, answer(1, 'slow_down')]),
    signals: [{ answer: 'slow_down', deliveredAt: timeOf(2), seenAt: timeOf(2) }],
    statuses: ['answered'],
  },
  {
    name: 'an answer after delivered keeps the delivery time',
    log: log([0, signal('check_in')], [1, delivered(1)], [1, answer(1, 'okay')]),
    signals: [{ answer: 'okay', deliveredAt: timeOf(2), seenAt: timeOf(3) }],
    statuses: ['answered'],
  },
  {
    name: 'an answer after seen keeps the seen time',
    log: log([1, signal('check_in')], [0, seen(1)], [0, answer(1, 'pause')]),
    signals: [{ answer: 'pause', deliveredAt: timeOf(2), seenAt: timeOf(2) }],
    statuses: ['answered'],
  },
  {
    name: 'only the first answer counts',
    log: log([0, signal('check_in')], [1, answer(1, 'okay')], [1, answer(1, 'pause')]),
    signals: [{ answer: 'okay', seenAt: timeOf(2) }],
    statuses: ['answered'],
  },
  {
    name: 'answers to a pause signal are ignored',
    log: log([0, signal('pause')], [1, answer(1, 'okay')]),
    signals: [{ kind: 'pause', answer: null, seenAt: null, deliveredAt: null }],
    statuses: ['sent'],
  },
  {
    name: 'answers to a slow-down signal are ignored',
    log: log([0, signal('slow_down')], [1, delivered(1)], [1, answer(1, 'okay')]),
    signals: [{ kind: 'slow_down', answer: null, seenAt: null, deliveredAt: timeOf(2) }],
    statuses: ['delivered'],
  },
  {
    name: "one seen batch marks the partner's signals and skips the rest",
    log: log(
      [0, signal('pause')],
      [1, signal('slow_down')],
      [0, signal('check_in')],
      [1, { type: 'signal_seen', signalIds: [idOf(1), idOf(2), UNKNOWN_SIGNAL_ID, idOf(3)] }],
    ),
    signals: [
      { id: idOf(1), seenAt: timeOf(4) },
      { id: idOf(2), seenAt: null, deliveredAt: null },
      { id: idOf(3), seenAt: timeOf(4), deliveredAt: timeOf(4) },
    ],
    statuses: ['seen', 'sent', 'seen'],
  },
  {
    name: "both partners acknowledge each other's signals",
    log: log(
      [0, signal('pause')],
      [1, signal('check_in')],
      [1, delivered(1)],
      [0, answer(2, 'okay')],
    ),
    signals: [
      { from: 0, deliveredAt: timeOf(3), seenAt: null },
      { from: 1, answer: 'okay', seenAt: timeOf(4) },
    ],
    statuses: ['delivered', 'answered'],
  },
];

describe('reduceRoom: signals and receipts', () => {
  it.each(SIGNAL_CASES)('$name', ({ log: entries, signals, statuses }) => {
    const state = foldLog(entries);
    expect(state.signals).toHaveLength(signals.length);
    signals.forEach((expected, i) => {
      expect(state.signals[i]).toMatchObject(expected);
    });
    expect(state.signals.map(signalStatus)).toEqual(statuses);
    expect(state.lastSeq).toBe(entries.length);
  });

  it('returns the same signals array when a receipt changes nothing', () => {
    const before = foldLog(log([0, signal('pause')], [1, seen(1)]));
    const after = reduceRoom(before, entryAt(3, 1, delivered(1)));
    expect(after.signals).toBe(before.signals);
    expect(after.lastSeq).toBe(3);
  });
});

// ---- Session ----

const SESSION_CASES = [
  { name: 'nothing happened', log: log(), expected: ['not_started', null, null, null] },
  {
    name: 'started',
    log: log([1, started]),
    expected: ['in_progress', timeOf(1), null, null],
  },
  {
    name: 'a second start is ignored',
    log: log([1, started], [0, started]),
    expected: ['in_progress', timeOf(1), null, null],
  },
  {
    name: 'started then ended',
    log: log([0, started], [1, ended]),
    expected: ['ended', timeOf(1), timeOf(2), 1],
  },
  {
    name: 'ended without a start',
    log: log([0, ended]),
    expected: ['ended', null, timeOf(1), 0],
  },
  {
    name: 'a start after the end is ignored',
    log: log([0, ended], [1, started]),
    expected: ['ended', null, timeOf(1), 0],
  },
  {
    name: 'a second end is ignored',
    log: log([0, started], [0, ended], [1, ended]),
    expected: ['ended', timeOf(1), timeOf(2), 0],
  },
  {
    name: 'signals do not touch the session',
    log: log([0, signal('pause')], [1, seen(1)]),
    expected: ['not_started', null, null, null],
  },
] as const;

describe('reduceRoom: session', () => {
  it.each(SESSION_CASES)('$name', ({ log: entries, expected }) => {
    const [status, startedAt, endedAt, endedBy] = expected;
    expect(foldLog(entries).session).toEqual({ status, startedAt, endedAt, endedBy });
  });
});

// ---- Checklist ----

const defaults = initialRoomState.checklist;
const itemIds = (state: RoomState) => state.checklist.map((item) => item.id);
const item = (state: RoomState, id: string) => state.checklist.find((i) => i.id === id);
const extraItems = (n: number): [Seat, ReturnType<typeof added>][] =>
  Array.from({ length: n }, (_, i) => [(i % 2) as Seat, added(`extra-${String(i)}`)]);

describe('reduceRoom: checklist', () => {
  it('adds an item after the defaults, unticked, with who added it', () => {
    const state = foldLog(log([1, added('tea', 'Tea, warm', 'seat0')]));
    expect(itemIds(state)).toEqual([...defaults.map((i) => i.id), 'tea']);
    expect(item(state, 'tea')).toEqual({
      id: 'tea',
      what: { type: 'words', label: 'Tea, warm' },
      group: 'other',
      source: 'added',
      audience: 'seat0',
      addedBy: 1,
      checked: false,
      checkedBy: null,
    });
  });

  it('ignores a second add of the same id (the first label stays)', () => {
    const state = foldLog(log([0, added('tea', 'Tea')], [1, added('tea', 'Coffee', 'seat1')]));
    expect(itemIds(state)).toEqual([...defaults.map((i) => i.id), 'tea']);
    expect(item(state, 'tea')).toMatchObject({
      what: { type: 'words', label: 'Tea' },
      audience: 'both',
      addedBy: 0,
    });
  });

  it('ignores an add reusing a default id', () => {
    const state = foldLog(log([1, added('wish-water', 'Juice', 'seat1')]));
    expect(state.checklist).toEqual(defaults);
    expect(state.lastSeq).toBe(1);
  });

  it(`stops at ${String(LIMITS.maxChecklistItems)} items`, () => {
    const room = LIMITS.maxChecklistItems - defaults.length;
    const full = foldLog(log(...extraItems(room)));
    expect(full.checklist).toHaveLength(LIMITS.maxChecklistItems);
    const over = foldLog(log(...extraItems(room + 3)));
    expect(over.checklist).toEqual(full.checklist);
    expect(over.lastSeq).toBe(room + 3);
  });

  it.each([
    {
      name: 'check a default item',
      log: log([1, checked('wish-rest')]),
      expected: { checked: true, checkedBy: 1 },
    },
    {
      name: 'check then uncheck by the partner',
      log: log([0, checked('wish-rest')], [1, checked('wish-rest', false)]),
      expected: { checked: false, checkedBy: null },
    },
    {
      name: 'checked by both: the last writer is recorded',
      log: log([0, checked('wish-rest')], [1, checked('wish-rest')]),
      expected: { checked: true, checkedBy: 1 },
    },
    {
      name: 'uncheck then check: the last write wins',
      log: log(
        [1, checked('wish-rest')],
        [1, checked('wish-rest', false)],
        [0, checked('wish-rest')],
      ),
      expected: { checked: true, checkedBy: 0 },
    },
    {
      name: 'unchecking an unticked item',
      log: log([0, checked('wish-rest', false)]),
      expected: { checked: false, checkedBy: null },
    },
  ])('$name', ({ log: entries, expected }) => {
    const state = foldLog(entries);
    expect(item(state, 'wish-rest')).toMatchObject(expected);
    // Nothing else moved.
    expect(state.checklist.filter((i) => i.id !== 'wish-rest')).toEqual(
      defaults.filter((i) => i.id !== 'wish-rest'),
    );
  });

  it('ticks an added item', () => {
    const state = foldLog(log([0, added('tea')], [1, checked('tea')]));
    expect(item(state, 'tea')).toMatchObject({ addedBy: 0, checked: true, checkedBy: 1 });
  });

  it('ignores ticks of unknown items, including ones added later', () => {
    const state = foldLog(log([0, checked('tea')], [1, checked('nope')], [0, added('tea')]));
    expect(item(state, 'tea')).toMatchObject({ checked: false, checkedBy: null });
    expect(state.checklist).toHaveLength(defaults.length + 1);
  });
});

// ---- Sequence numbers ----

describe('reduceRoom: sequence numbers', () => {
  const first = log([0, signal('pause')]);
  const state = foldLog(first);

  it.each([
    ['the same entry again', { ...first[0], seq: 1 }],
    ['another event at the same seq', { ...first[0], seq: 1, eventId: idOf(9) }],
    ['an older seq', { ...first[0], seq: 0, eventId: idOf(9) }],
  ])('ignores %s (returns the same state)', (_name, entry) => {
    expect(reduceRoom(state, entry as LogEntry)).toBe(state);
  });

  it('accepts gaps and records the highest seq', () => {
    const entries = log([0, signal('pause')], [1, delivered(1)]).map((e, i) => ({
      ...e,
      seq: (i + 1) * 10,
    }));
    const gapped = foldLog(entries);
    expect(gapped.lastSeq).toBe(20);
    expect(gapped.signals[0]?.deliveredAt).toBe(timeOf(2));
    expect(foldLog([...entries].reverse()).lastSeq).toBe(20);
  });

  it('folds onto a given state', () => {
    const entries = log([0, signal('check_in')], [1, answer(1, 'okay')]);
    expect(foldLog(entries.slice(1), foldLog(entries.slice(0, 1)))).toEqual(foldLog(entries));
  });
});

// ---- Selectors ----

describe('selectors', () => {
  const signalRecord = (fields: Partial<SignalRecord>): SignalRecord => ({
    id: idOf(1),
    kind: 'check_in',
    from: 0,
    seq: 1,
    sentAt: 1,
    deliveredAt: null,
    seenAt: null,
    answer: null,
    ...fields,
  });

  it.each([
    [{}, 'sent'],
    [{ deliveredAt: 2 }, 'delivered'],
    [{ deliveredAt: 2, seenAt: 3 }, 'seen'],
    [{ deliveredAt: 2, seenAt: 2, answer: 'okay' }, 'answered'],
    [{ deliveredAt: 2, seenAt: 2, answer: 'pause' }, 'answered'],
  ] as const)('signalStatus(%j) is %s', (fields, status) => {
    expect(signalStatus(signalRecord(fields))).toBe(status);
  });

  // seq 1..7: two signals each way in different states, plus a check-in that was answered.
  const room = foldLog(
    log(
      [0, signal('pause')], // 1: seat 0 → seat 1, delivered
      [1, delivered(1)], // 2
      [0, signal('slow_down')], // 3: seat 0 → seat 1, not yet delivered
      [1, signal('check_in')], // 4: seat 1 → seat 0, seen
      [0, seen(4)], // 5
      [1, signal('check_in')], // 6: seat 1 → seat 0, answered
      [0, answer(6, 'okay')], // 7
      [1, signal('pause')], // 8: seat 1 → seat 0, not yet delivered
    ),
  );
  const ids = (signals: readonly SignalRecord[] | undefined) => signals?.map((s) => s.seq);

  it.each<{
    seat: Seat;
    pending: number[];
    owed: number[];
    latestOwn: number;
    latestPartner: number;
  }>([
    { seat: 1, pending: [1, 3], owed: [3], latestOwn: 8, latestPartner: 3 },
    { seat: 0, pending: [8], owed: [8], latestOwn: 3, latestPartner: 8 },
  ])(
    'seat $seat: pending alerts $pending, receipts owed $owed',
    ({ seat, pending, owed, latestOwn, latestPartner }) => {
      expect(ids(pendingAlertsFor(room, seat))).toEqual(pending);
      expect(ids(deliveryReceiptsOwedBy(room, seat))).toEqual(owed);
      expect(latestSignalFrom(room, seat)?.seq).toBe(latestOwn);
      expect(latestSignalFrom(room, seat === 0 ? 1 : 0)?.seq).toBe(latestPartner);
    },
  );

  it('an answered signal is no longer pending even if the state says not seen', () => {
    const state: RoomState = {
      ...initialRoomState,
      signals: [signalRecord({ from: 1, answer: 'okay' })],
    };
    expect(pendingAlertsFor(state, 0)).toEqual([]);
  });

  it('nothing is pending, owed or latest in an empty room', () => {
    for (const seat of SEATS) {
      expect(pendingAlertsFor(initialRoomState, seat)).toEqual([]);
      expect(deliveryReceiptsOwedBy(initialRoomState, seat)).toEqual([]);
      expect(latestSignalFrom(initialRoomState, seat)).toBeUndefined();
    }
  });
});

// ---- Properties over generated logs ----

const STATUS_RANK: Record<SignalStatus, number> = { sent: 0, delivered: 1, seen: 2, answered: 3 };

describe('reducer properties', () => {
  it('(a) folding in any chunking equals folding at once', () => {
    fc.assert(
      fc.property(arbLog(), fc.array(fc.nat(), { maxLength: 8 }), (entries, cuts) => {
        let state = initialRoomState;
        for (const batch of splitAt(entries, cuts)) state = foldLog(batch, state);
        expect(state).toEqual(foldLog(entries));
      }),
    );
  });

  it('(b) re-delivered entries (replay overlap, duplicates) change nothing', () => {
    fc.assert(
      fc.property(
        arbLog().filter((entries) => entries.length > 0),
        arbRedeliveries,
        (entries, redeliveries) => {
          const stream = withRedeliveries(entries, redeliveries);
          expect(foldLog(stream)).toEqual(foldLog(entries));
        },
      ),
    );
  });

  it('(b) any already-folded entry, folded again, returns the very same state', () => {
    fc.assert(
      fc.property(
        arbLog().filter((entries) => entries.length > 0),
        fc.nat(),
        fc.nat(),
        (entries, cut, pick) => {
          const prefix = entries.slice(0, (cut % entries.length) + 1);
          const state = foldLog(prefix);
          const old = prefix[pick % prefix.length];
          if (old === undefined) throw new Error('unreachable: the prefix is not empty');
          expect(reduceRoom(state, old)).toBe(state);
        },
      ),
    );
  });

  it('(c) two phones folding the same log independently agree', () => {
    fc.assert(
      fc.property(
        arbLog(),
        fc.array(fc.nat(), { maxLength: 6 }),
        arbRedeliveries,
        (entries, cuts, redeliveries) => {
          // Phone A folds the log as one replay; phone B gets its own (deserialised) copy in
          // pushes and pages, with overlaps.
          const phoneA = foldLog(entries);
          const copy = JSON.parse(JSON.stringify(entries)) as LogEntry[];
          let phoneB = initialRoomState;
          for (const batch of splitAt(withRedeliveries(copy, redeliveries), cuts)) {
            phoneB = foldLog(batch, phoneB);
          }
          expect(phoneB).toEqual(phoneA);
          for (const seat of SEATS) {
            expect(pendingAlertsFor(phoneB, seat)).toEqual(pendingAlertsFor(phoneA, seat));
            expect(deliveryReceiptsOwedBy(phoneB, seat)).toEqual(
              deliveryReceiptsOwedBy(phoneA, seat),
            );
            expect(latestSignalFrom(phoneB, seat)).toEqual(latestSignalFrom(phoneA, seat));
          }
        },
      ),
    );
  });

  it('(d) invariants hold after every entry, and no state is ever mutated', () => {
    fc.assert(
      fc.property(arbLog(), (entries) => {
        let state = initialRoomState;
        for (const entry of entries) {
          const before = state;
          state = deepFreeze(reduceRoom(before, entry));

          expect(state.lastSeq).toBe(entry.seq);
          for (const s of state.signals) {
            if (s.seenAt !== null) expect(s.deliveredAt).not.toBeNull();
            if (s.answer !== null) {
              expect(s.kind).toBe('check_in');
              expect(s.seenAt).not.toBeNull();
            }
          }
          // A receipt only ever changes signals that the other seat sent.
          if (entry.event.type !== 'signal') {
            expect(state.signals).toHaveLength(before.signals.length);
            state.signals.forEach((s, i) => {
              if (s !== before.signals[i]) expect(s.from).not.toBe(entry.seat);
            });
          }
          // Statuses only move forwards, and a timestamp once set never changes.
          before.signals.forEach((old, i) => {
            const now = state.signals[i];
            expect(now?.id).toBe(old.id);
            if (now === undefined) return;
            expect(STATUS_RANK[signalStatus(now)]).toBeGreaterThanOrEqual(
              STATUS_RANK[signalStatus(old)],
            );
            if (old.deliveredAt !== null) expect(now.deliveredAt).toBe(old.deliveredAt);
            if (old.seenAt !== null) expect(now.seenAt).toBe(old.seenAt);
            if (old.answer !== null) expect(now.answer).toBe(old.answer);
          });
          // The defaults stay first and the list stays within its limit.
          expect(state.checklist.slice(0, defaults.length).map((i) => i.id)).toEqual(
            defaults.map((i) => i.id),
          );
          expect(state.checklist.length).toBeLessThanOrEqual(LIMITS.maxChecklistItems);
          expect(new Set(itemIds(state)).size).toBe(state.checklist.length);
          for (const i of state.checklist) expect(i.checkedBy !== null).toBe(i.checked);
        }
        const maxSeq = Math.max(0, ...entries.map((e) => e.seq));
        expect(state.lastSeq).toBe(maxSeq);
        expect(state.signals.map((s) => s.id)).toEqual(
          entries.filter((e) => e.event.type === 'signal').map((e) => e.eventId),
        );
      }),
    );
  });

  it('generated logs reach every signal status (sanity check of the arbitrary)', () => {
    // A fixed seed keeps this check deterministic; the properties above use fresh seeds.
    const statuses = new Set<SignalStatus>();
    for (const entries of fc.sample(arbLog(), { numRuns: 200, seed: 20_240_601 })) {
      for (const s of foldLog(entries).signals) statuses.add(signalStatus(s));
    }
    expect([...statuses].sort()).toEqual(['answered', 'delivered', 'seen', 'sent']);
  });
});

// ---- A signal id that comes round again ----

describe('reducer: a signal id that comes round again', () => {
  it('ignores a second signal entry with a known id; receipts still land on the first', () => {
    const state = foldLog([
      entryAt(1, 0, signal('pause')),
      entryAt(2, 1, delivered(1)),
      copyOf(1, 3, 0, signal('slow_down')),
      entryAt(4, 0, signal('check_in')),
      entryAt(5, 1, seen(1)),
    ]);
    expect(state.lastSeq).toBe(5);
    expect(state.signals).toEqual([
      {
        id: idOf(1),
        kind: 'pause',
        from: 0,
        seq: 1,
        sentAt: timeOf(1),
        deliveredAt: timeOf(2),
        seenAt: timeOf(5),
        answer: null,
      },
      expect.objectContaining({ id: idOf(4), kind: 'check_in', seq: 4, seenAt: null }),
    ]);
  });

  it('a copy after the alert was seen does not bring it back', () => {
    const state = foldLog([
      entryAt(1, 0, signal('pause')),
      entryAt(2, 1, seen(1)),
      copyOf(1, 3, 0, signal('pause')),
    ]);
    expect(state.lastSeq).toBe(3);
    expect(state.signals).toHaveLength(1);
    expect(state.signals[0]).toMatchObject({ seq: 1, seenAt: timeOf(2) });
    expect(pendingAlertsFor(state, 1)).toEqual([]);
  });

  it('a copy under the other seat is not a signal from that seat; the answer lands on the first', () => {
    const state = foldLog([entryAt(1, 0, signal('check_in')), copyOf(1, 2, 1, signal('pause'))]);
    expect(state.signals.map((s) => [s.id, s.from, s.kind])).toEqual([[idOf(1), 0, 'check_in']]);
    expect(pendingAlertsFor(state, 0)).toEqual([]);
    expect(pendingAlertsFor(state, 1).map((s) => s.id)).toEqual([idOf(1)]);

    const answered = foldLog([entryAt(3, 1, answer(1, 'okay'))], state);
    expect(answered.signals).toHaveLength(1);
    expect(answered.signals[0]).toMatchObject({ answer: 'okay', seenAt: timeOf(3) });
    expect(pendingAlertsFor(answered, 1)).toEqual([]);
  });

  it('a copy folded before anything else (a replay) yields the same room as the log without it', () => {
    const withCopy = foldLog([
      entryAt(1, 0, signal('pause')),
      copyOf(1, 2, 0, signal('pause')),
      entryAt(3, 1, delivered(1)),
    ]);
    const without = foldLog([entryAt(1, 0, signal('pause')), entryAt(3, 1, delivered(1))]);
    expect(withCopy).toEqual(without);
  });
});
