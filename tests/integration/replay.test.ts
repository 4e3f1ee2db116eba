import { describe, expect, it } from 'vitest';
import type { ContentEvent } from '../../shared/content.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';
import { expectOk, waitFor } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { STORE_KINDS } from './support/stores.ts';
import type { Partner } from './support/partner.ts';

const seqs = (envelopes: readonly StoredEnvelope[]) => envelopes.map((envelope) => envelope.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** Sends `count` distinct events from `sender`; returns their ids in send order. */
async function sendMany(sender: Partner, count: number): Promise<string[]> {
  const envelopes = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      sender.seal({
        type: 'checklist_item_added',
        itemId: `item-${String(index)}`,
        label: `Item ${String(index)}`,
        audience: 'both',
      }),
    ),
  );
  // All emitted at once, in this order: one socket's requests are served in arrival order.
  const replies = await Promise.all(
    envelopes.map((envelope) => sender.client.request('envelope:send', envelope)),
  );
  const seqsInSendOrder = replies.map((reply) => expectOk(reply).seq);
  const firstSeq = seqsInSendOrder[0] ?? 0;
  expect(seqsInSendOrder).toEqual(range(firstSeq, firstSeq + count - 1));
  return envelopes.map((envelope) => envelope.eventId);
}

describe.each(STORE_KINDS)('on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  describe('reconnect and replay', () => {
    it('R7: replays exactly what a reconnecting phone missed, in order, to the same seat', async () => {
      const { a, b } = await harness.pair();
      const before = [await a.sendOk({ type: 'session_started' })];
      before.push(await a.sendOk({ type: 'signal', kind: 'check_in' }));
      const lastHeld = before.at(-1)?.seq ?? 0;
      await b.holdsUpTo(lastHeld);
      expect(b.lastSeq).toBe(2);

      const offline = waitFor(a.socket, 'presence', (presence) => !presence.seats[1].online);
      await b.disconnect();
      await offline;

      const missedEvents: ContentEvent[] = [
        { type: 'signal', kind: 'pause' },
        { type: 'signal', kind: 'slow_down' },
        { type: 'session_ended' },
        { type: 'checklist_item_checked', itemId: 'wish-water', checked: true },
      ];
      const missed: string[] = [];
      for (const event of missedEvents) missed.push((await a.sendOk(event)).eventId);

      const online = waitFor(a.socket, 'presence', (presence) => presence.seats[1].online);
      await b.connect();
      const rejoined = expectOk(await b.join({ afterSeq: b.lastSeq }));
      await online;

      expect(rejoined.seat).toBe(1);
      expect(rejoined.complete).toBe(true);
      // The room's last seq as the seat was taken: how a phone holding more would know.
      expect(rejoined.lastSeq).toBe(lastHeld + missed.length);
      expect(seqs(rejoined.envelopes)).toEqual(range(lastHeld + 1, lastHeld + missed.length));
      expect(rejoined.envelopes.map((envelope) => envelope.eventId)).toEqual(missed);
      for (const [index, envelope] of rejoined.envelopes.entries()) {
        expect(envelope.seat).toBe(0);
        expect(await b.open(envelope)).toEqual(missedEvents[index]);
      }
      expect(seqs(b.client.envelopes)).toEqual([]);

      // B is back in the room: what A sends next is pushed to it again.
      const next = await a.sendOk({ type: 'signal', kind: 'pause' });
      expect((await b.received(next.eventId)).seq).toBe(lastHeld + missed.length + 1);

      // Both phones now fold the same room.
      await a.holdsUpTo(next.seq);
      expect(await b.state()).toEqual(await a.state());
    });

    it('R7: replays the whole log to a device that asks from 0', async () => {
      const { a, b } = await harness.pair();
      const sent: string[] = [];
      const pause = await a.sendOk({ type: 'signal', kind: 'pause' });
      sent.push(pause.eventId);
      sent.push((await b.sendOk({ type: 'signal_seen', signalIds: [pause.eventId] })).eventId);
      sent.push((await a.sendOk({ type: 'session_ended' })).eventId);
      await b.disconnect();

      await b.connect();
      const rejoined = expectOk(await b.join({ afterSeq: 0 }));
      expect(rejoined.seat).toBe(1);
      expect(rejoined.complete).toBe(true);
      expect(seqs(rejoined.envelopes)).toEqual([1, 2, 3]);
      expect(rejoined.envelopes.map((envelope) => envelope.eventId)).toEqual(sent);
      expect(rejoined.envelopes.map((envelope) => envelope.seat)).toEqual([0, 1, 0]);

      // A sync from 0 gives the same page; a sync from the end gives nothing.
      const synced = expectOk(await b.sync(0));
      expect(synced.envelopes).toEqual(rejoined.envelopes);
      expect(expectOk(await b.sync(3))).toEqual({ ok: true, envelopes: [], complete: true });
      expect(expectOk(await b.sync(1000))).toEqual({ ok: true, envelopes: [], complete: true });
    });

    it('R1 R7: pages a long log: join gives the first page, room:sync the rest, dense and in order', async () => {
      const { a, b } = await harness.pair();
      await b.disconnect();
      const total = 2 * LIMITS.replayPageSize + 7;
      const sent = await sendMany(a, total);

      await b.connect();
      const rejoined = expectOk(await b.join({ afterSeq: 0 }));
      expect(rejoined.complete).toBe(false);
      expect(seqs(rejoined.envelopes)).toEqual(range(1, LIMITS.replayPageSize));

      const pages: StoredEnvelope[][] = [rejoined.envelopes];
      let after: number = LIMITS.replayPageSize;
      for (;;) {
        const page = expectOk(await b.sync(after));
        expect(page.envelopes.length).toBeLessThanOrEqual(LIMITS.replayPageSize);
        pages.push(page.envelopes);
        after = page.envelopes.at(-1)?.seq ?? after;
        if (page.complete) break;
        expect(page.envelopes).toHaveLength(LIMITS.replayPageSize);
      }
      expect(pages.map((page) => page.length)).toEqual([
        LIMITS.replayPageSize,
        LIMITS.replayPageSize,
        7,
      ]);
      const all = pages.flat();
      expect(seqs(all)).toEqual(range(1, total));
      expect(all.map((envelope) => envelope.eventId)).toEqual(sent);
      expect(b.held.size).toBe(total);
      const state = await b.state();
      expect(state.lastSeq).toBe(total);
    });

    it('reports complete exactly when the rest fits in one page', async () => {
      const { a, b } = await harness.pair();
      await b.disconnect();
      await sendMany(a, LIMITS.replayPageSize);

      await b.connect();
      const exact = expectOk(await b.join({ afterSeq: 0 }));
      expect(exact.complete).toBe(true);
      expect(exact.envelopes).toHaveLength(LIMITS.replayPageSize);

      const extra = await a.sendOk({ type: 'session_started' });
      await b.received(extra.eventId);
      const full = expectOk(await b.sync(0));
      expect(full.complete).toBe(false);
      expect(full.envelopes).toHaveLength(LIMITS.replayPageSize);
      const rest = expectOk(await b.sync(LIMITS.replayPageSize));
      expect(rest).toEqual({
        ok: true,
        envelopes: [await b.received(extra.eventId)],
        complete: true,
      });
    });
  });
});
