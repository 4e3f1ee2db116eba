import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogReplica } from '../../../client/src/room/log-replica.ts';
import type { ContentEvent } from '../../../shared/content.ts';
import {
  deriveRoomKeys,
  newRoomSecret,
  openEvent,
  sealEvent,
} from '../../../shared/crypto/codec.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { StoredEnvelope } from '../../../shared/protocol.ts';
import { foldLog, initialRoomState, pendingAlertsFor } from '../../../shared/reducer.ts';
import type { LogEntry } from '../../../shared/reducer.ts';
import { arbLog, splitAt } from '../support/arbitraries.ts';
import { added, checked, copyOf, entryAt, log, seen, signal, started } from '../support/logs.ts';

/**
 * A stand-in for decryption: each envelope carries its entry's event id, and `open` looks the
 * entry up. Envelopes whose ciphertext is `UNREADABLE` open to null, as a tampered one would.
 * Like the real codec (whose seal binds the room, event id and seat, not the sequence number), a
 * copy served under a new seq opens to the same event at that seq.
 */
const UNREADABLE = 'unreadable';

function envelopeOf(entry: LogEntry, ciphertext = `c${String(entry.seq)}`): StoredEnvelope {
  return {
    seq: entry.seq,
    eventId: entry.eventId,
    seat: entry.seat,
    ciphertext,
    notify: entry.event.type === 'signal',
    storedAt: entry.storedAt,
  };
}

interface FakeOpener {
  readonly open: (envelope: StoredEnvelope) => Promise<LogEntry | null>;
  /** Sequence numbers passed to `open`, in call order. */
  readonly opened: number[];
}

function fakeOpener(entries: readonly LogEntry[]): FakeOpener {
  const byEventId = new Map(entries.map((entry) => [entry.eventId, entry]));
  const opened: number[] = [];
  return {
    opened,
    open: (envelope) => {
      opened.push(envelope.seq);
      const entry = byEventId.get(envelope.eventId);
      if (envelope.ciphertext === UNREADABLE || entry === undefined) return Promise.resolve(null);
      const { seq, seat, storedAt } = envelope;
      return Promise.resolve({ ...entry, seq, seat, storedAt });
    },
  };
}

/** A small log with every kind of effect: signals, a receipt, a session and a checklist. */
const LOG = log(
  [0, started],
  [0, signal('pause')],
  [1, seen(2)],
  [1, added('extra-a', 'Tea')],
  [0, checked('extra-a')],
  [1, signal('check_in')],
);
const ENVELOPES = LOG.map((entry) => envelopeOf(entry));

/** What a receive() folded and whether a gap remains (what it consumed is checked on its own). */
async function foldedBy(replica: LogReplica, envelopes: readonly StoredEnvelope[]) {
  const { added, gap } = await replica.receive(envelopes);
  return { added, gap };
}

function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${String(index)}`);
  return item;
}

const env = (seq: number) => nth(ENVELOPES, seq - 1);
const entry = (seq: number) => nth(LOG, seq - 1);

function replicaOf(entries: readonly LogEntry[] = LOG) {
  const opener = fakeOpener(entries);
  return { replica: new LogReplica(opener.open), opened: opener.opened };
}

describe('LogReplica: ordered ingestion', () => {
  it('starts empty', () => {
    const { replica } = replicaOf();
    expect(replica.state).toBe(initialRoomState);
    expect(replica.consumedSeq).toBe(0);
    expect(replica.unreadable).toBe(0);
  });

  it('folds envelopes that arrive in order, one call or many', async () => {
    const { replica } = replicaOf();
    expect(await foldedBy(replica, [env(1), env(2)])).toEqual({
      added: [entry(1), entry(2)],
      gap: false,
    });
    expect(replica.state).toEqual(foldLog([entry(1), entry(2)]));
    expect(await foldedBy(replica, ENVELOPES.slice(2))).toEqual({
      added: LOG.slice(2),
      gap: false,
    });
    expect(replica.state).toEqual(foldLog(LOG));
    expect(replica.consumedSeq).toBe(LOG.length);
  });

  it('an empty batch changes nothing and reports no gap', async () => {
    const { replica } = replicaOf();
    expect(await foldedBy(replica, [])).toEqual({ added: [], gap: false });
    expect(replica.state).toBe(initialRoomState);
  });

  it('holds envelopes past a missing sequence number, reports the gap, then folds in order', async () => {
    const { replica, opened } = replicaOf();
    expect(await foldedBy(replica, [env(3), env(5)])).toEqual({ added: [], gap: true });
    expect(replica.state).toBe(initialRoomState);
    expect(replica.consumedSeq).toBe(0);
    expect(opened).toEqual([]);

    // Filling 1 and 2 lets 3 through; 4 is still missing, so 5 waits.
    expect(await foldedBy(replica, [env(2), env(1)])).toEqual({
      added: [entry(1), entry(2), entry(3)],
      gap: true,
    });
    expect(replica.consumedSeq).toBe(3);
    expect(replica.state).toEqual(foldLog(LOG.slice(0, 3)));

    expect(await foldedBy(replica, [env(4)])).toEqual({ added: [entry(4), entry(5)], gap: false });
    expect(await foldedBy(replica, [env(6)])).toEqual({ added: [entry(6)], gap: false });
    expect(replica.state).toEqual(foldLog(LOG));
    // Each envelope was opened once, strictly in sequence order.
    expect(opened).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ignores duplicates within a batch, across batches and of already-consumed seqs', async () => {
    const { replica, opened } = replicaOf();
    expect(await foldedBy(replica, [env(1), env(1), env(2)])).toEqual({
      added: [entry(1), entry(2)],
      gap: false,
    });
    const after = replica.state;
    expect(await foldedBy(replica, [env(1), env(2)])).toEqual({ added: [], gap: false });
    expect(replica.state).toBe(after);

    // A duplicate of an envelope still waiting behind a gap is held once.
    expect(await foldedBy(replica, [env(4)])).toEqual({ added: [], gap: true });
    expect(await foldedBy(replica, [env(4), env(2)])).toEqual({ added: [], gap: true });
    expect(await foldedBy(replica, [env(3)])).toEqual({ added: [entry(3), entry(4)], gap: false });
    expect(opened).toEqual([1, 2, 3, 4]);
    expect(replica.state).toEqual(foldLog(LOG.slice(0, 4)));
  });

  it('keeps the first copy of a waiting seq and drops a later re-delivery of a consumed one', async () => {
    const { replica } = replicaOf();
    await replica.receive([env(1)]);
    // A replayed copy of seq 1 with different bytes (a fresh IV on a retry) must not re-open.
    const replayed = { ...env(1), ciphertext: UNREADABLE };
    expect(await foldedBy(replica, [replayed])).toEqual({ added: [], gap: false });
    expect(replica.unreadable).toBe(0);
  });

  it('skips an unreadable envelope, counts it, and does not block the ones after it', async () => {
    const { replica } = replicaOf();
    const bad = { ...env(2), ciphertext: UNREADABLE };
    expect(await foldedBy(replica, [env(1), bad, env(3)])).toEqual({
      added: [entry(1), entry(3)],
      gap: false,
    });
    expect(replica.unreadable).toBe(1);
    expect(replica.consumedSeq).toBe(3);
    expect(replica.state).toEqual(foldLog([entry(1), entry(3)]));

    // Consumed, so a replay of the same seq neither re-opens nor re-counts it.
    expect(await foldedBy(replica, [bad, env(2)])).toEqual({ added: [], gap: false });
    expect(replica.unreadable).toBe(1);

    // An unreadable envelope that arrives early waits like any other, then is skipped in turn.
    const bad5 = { ...env(5), ciphertext: UNREADABLE };
    expect(await foldedBy(replica, [env(6), bad5])).toEqual({ added: [], gap: true });
    expect(await foldedBy(replica, [env(4)])).toEqual({ added: [entry(4), entry(6)], gap: false });
    expect(replica.unreadable).toBe(2);
    expect(replica.consumedSeq).toBe(6);
  });

  it('serializes concurrent receive() calls: one open at a time, each call sees only its own', async () => {
    const inFlight = { now: 0, max: 0 };
    const releases: (() => void)[] = [];
    const byEventId = new Map(LOG.map((e) => [e.eventId, e]));
    const replica = new LogReplica(async (envelope) => {
      inFlight.now += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight.now -= 1;
      return byEventId.get(envelope.eventId) ?? null;
    });
    const releaseAll = async () => {
      // Release whichever open is pending, until every call has settled.
      for (;;) {
        await new Promise<void>((resolve) => {
          setImmediate(resolve);
        });
        const release = releases.shift();
        if (release === undefined) return;
        release();
      }
    };

    const first = replica.receive([env(1), env(2)]);
    const second = replica.receive([env(3)]);
    const third = replica.receive([env(2), env(4)]);
    await releaseAll();
    const results = await Promise.all([first, second, third]);

    expect(results).toEqual([
      { added: [entry(1), entry(2)], consumed: [env(1), env(2)], gap: false },
      { added: [entry(3)], consumed: [env(3)], gap: false },
      { added: [entry(4)], consumed: [env(4)], gap: false },
    ]);
    expect(inFlight.max).toBe(1);
    expect(replica.state).toEqual(foldLog(LOG.slice(0, 4)));
  });

  it('an open that throws counts as unreadable and never stalls the log behind it', async () => {
    const { open } = fakeOpener(LOG);
    const replica = new LogReplica(async (envelope) => {
      if (envelope.seq === 2) throw new Error('decrypt crashed');
      return open(envelope);
    });
    const first = replica.receive([env(1), env(2), env(3)]);
    const next = replica.receive([env(4)]);
    // What could not be opened is still consumed: the phone keeps it, and its seq is passed.
    expect(await first).toEqual({
      added: [entry(1), entry(3)],
      consumed: [env(1), env(2), env(3)],
      gap: false,
    });
    expect(await next).toEqual({ added: [entry(4)], consumed: [env(4)], gap: false });
    expect(replica.consumedSeq).toBe(4);
    expect(replica.unreadable).toBe(1);
    expect(replica.state).toEqual(foldLog([entry(1), entry(3), entry(4)]));
  });
});

describe('LogReplica with the real codec', () => {
  async function sealAll(keys: RoomKeys, steps: readonly (readonly [Seat, ContentEvent])[]) {
    const entries = log(...steps);
    const envelopes = await Promise.all(
      entries.map(async (e) =>
        envelopeOf(
          e,
          await sealEvent(keys, { roomId: keys.roomId, eventId: e.eventId, seat: e.seat }, e.event),
        ),
      ),
    );
    return { entries, envelopes };
  }

  const openWith =
    (keys: RoomKeys) =>
    async (envelope: StoredEnvelope): Promise<LogEntry | null> => {
      const context = { roomId: keys.roomId, eventId: envelope.eventId, seat: envelope.seat };
      const opened = await openEvent(keys, context, envelope.ciphertext);
      if (!opened.ok) return null;
      const { seq, eventId, seat, storedAt } = envelope;
      return { seq, eventId, seat, storedAt, event: opened.event };
    };

  it('opens sealed envelopes out of order and skips ones re-attributed or from another room', async () => {
    const keys = await deriveRoomKeys(newRoomSecret());
    const otherKeys = await deriveRoomKeys(newRoomSecret());
    const { entries, envelopes } = await sealAll(keys, [
      [0, signal('pause')],
      [1, seen(1)],
      [1, started],
      [0, added('extra-b', 'A walk', 'seat1')],
    ]);
    const [e1, e2, e3, e4] = envelopes;
    if (e1 === undefined || e2 === undefined || e3 === undefined || e4 === undefined) {
      throw new Error('expected four envelopes');
    }
    // The server moves seq 2 to the other seat: the seal is bound to the sender, so it fails.
    const reattributed: StoredEnvelope = { ...e2, seat: 0 };
    // Seq 3 is a valid seal, but for another room.
    const foreign: StoredEnvelope = {
      ...e3,
      ciphertext: await sealEvent(
        otherKeys,
        { roomId: keys.roomId, eventId: e3.eventId, seat: e3.seat },
        started,
      ),
    };
    const replica = new LogReplica(openWith(keys));
    expect(await foldedBy(replica, [e4, foreign])).toEqual({ added: [], gap: true });
    const result = await replica.receive([reattributed, e1]);
    expect(result.gap).toBe(false);
    expect(result.added).toEqual([entries[0], entries[3]]);
    expect(replica.unreadable).toBe(2);
    expect(replica.state).toEqual(foldLog(result.added));
  });
});

describe('LogReplica property', () => {
  /** Sequence numbers 1..n, as the server assigns them (the generator may skip some). */
  const dense = (entries: readonly LogEntry[]): LogEntry[] =>
    entries.map((e, i) => ({ ...e, seq: i + 1 }));

  const arbScenario = arbLog(30)
    .map(dense)
    .chain((entries) =>
      fc.record({
        entries: fc.constant(entries),
        order: fc.shuffledSubarray(entries, {
          minLength: entries.length,
          maxLength: entries.length,
        }),
        duplicates: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 15 }),
        cuts: fc.array(fc.nat(), { maxLength: 10 }),
        unreadable: fc.uniqueArray(fc.nat({ max: Math.max(0, entries.length - 1) }), {
          maxLength: 4,
        }),
        useUnreadable: fc.boolean(),
      }),
    );

  it('any permutation, in any chunks, with duplicates, ends as folding the log in order', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async (scenario) => {
        const { entries, order, duplicates, cuts } = scenario;
        const unreadableSeqs = new Set(
          scenario.useUnreadable
            ? scenario.unreadable.filter((i) => i < entries.length).map((i) => i + 1)
            : [],
        );
        const toEnvelope = (e: LogEntry) =>
          envelopeOf(e, unreadableSeqs.has(e.seq) ? UNREADABLE : undefined);

        // The permutation, plus re-deliveries of random entries at random points.
        const delivery = order.map(toEnvelope);
        if (entries.length > 0) {
          for (const [pick, at] of duplicates) {
            delivery.splice(
              at % (delivery.length + 1),
              0,
              toEnvelope(nth(entries, pick % entries.length)),
            );
          }
        }

        const { replica, opened } = replicaOf(entries);
        const seen = new Set<number>();
        const addedInOrder: LogEntry[] = [];
        for (const chunk of splitAt(delivery, cuts)) {
          const result = await replica.receive(chunk);
          addedInOrder.push(...result.added);
          for (const envelope of chunk) seen.add(envelope.seq);
          // Consumed up to the first seq not delivered yet; a gap iff anything beyond it arrived.
          let contiguous = 0;
          while (seen.has(contiguous + 1)) contiguous += 1;
          expect(replica.consumedSeq).toBe(contiguous);
          expect(result.gap).toBe([...seen].some((seq) => seq > contiguous));
        }

        const readable = entries.filter((e) => !unreadableSeqs.has(e.seq));
        expect(addedInOrder).toEqual(readable);
        expect(replica.state).toEqual(foldLog(readable));
        expect(replica.consumedSeq).toBe(entries.length);
        expect(replica.unreadable).toBe(unreadableSeqs.size);
        expect(opened).toEqual(entries.map((e) => e.seq));
      }),
      { numRuns: 200 },
    );
  });
});

describe('LogReplica: an event id served again under a later seq', () => {
  const pause = entryAt(1, 0, signal('pause'));
  const seenIt = entryAt(2, 1, seen(1));
  const later = entryAt(4, 1, started);
  const pauseCopy = envelopeOf(copyOf(1, 3, 0, signal('pause')));

  it('skips the copy: the acknowledged alert stays acknowledged, and the log goes on', async () => {
    const { replica } = replicaOf([pause, seenIt, later]);
    await replica.receive([envelopeOf(pause), envelopeOf(seenIt)]);
    const before = replica.state;
    expect(pendingAlertsFor(before, 1)).toEqual([]);

    const copy = await foldedBy(replica, [pauseCopy]);
    expect(copy).toEqual({ added: [], gap: false });
    expect(replica.consumedSeq).toBe(3);
    expect(replica.state).toBe(before);
    expect(replica.unreadable).toBe(0);

    // The seq was consumed: what follows it folds without a gap.
    const next = await replica.receive([envelopeOf(later)]);
    expect(next.gap).toBe(false);
    expect(next.added.map((entry) => entry.eventId)).toEqual([later.eventId]);
    expect(replica.state.session.status).toBe('in_progress');
    expect(replica.state.signals).toEqual(before.signals);
    expect(pendingAlertsFor(replica.state, 1)).toEqual([]);
  });

  it('skips it when it arrives in the same batch, and out of order', async () => {
    const { replica } = replicaOf([pause, seenIt]);
    const result = await replica.receive([pauseCopy, envelopeOf(seenIt), envelopeOf(pause)]);
    expect(result.added.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(replica.consumedSeq).toBe(3);
    expect(replica.state.signals).toHaveLength(1);
    expect(pendingAlertsFor(replica.state, 1)).toEqual([]);
  });

  it('an old tick served again does not undo a newer one', async () => {
    const tick = entryAt(1, 0, checked('wish-water'));
    const untick = entryAt(2, 1, checked('wish-water', false));
    const { replica } = replicaOf([tick, untick]);
    await replica.receive([
      envelopeOf(tick),
      envelopeOf(untick),
      envelopeOf(copyOf(1, 3, 0, checked('wish-water'))),
    ]);
    const water = replica.state.checklist.find((item) => item.id === 'wish-water');
    expect(water).toMatchObject({ checked: false, checkedBy: null });
  });
});
