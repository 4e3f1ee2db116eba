import { describe, expect, it } from 'vitest';
import { sealEvent } from '../../shared/crypto/codec.ts';
import { errorReply, expectOk } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { STORE_KINDS } from './support/stores.ts';

const PAUSE = { type: 'signal', kind: 'pause' } as const;

describe.each(STORE_KINDS)('on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  describe('duplicate sends', () => {
    it('R2: stores a retried event once and acknowledges the retry with the same seq', async () => {
      const { server, a, b } = await harness.pair();
      const envelope = await a.seal(PAUSE);

      const first = expectOk(await a.client.request('envelope:send', envelope));
      expect(first.duplicate).toBe(false);
      const storeAfterFirst = server.store.dumpForTests();

      const retry = expectOk(await a.client.request('envelope:send', envelope));
      expect(retry).toEqual({ ok: true, seq: first.seq, duplicate: true });
      expect(server.store.dumpForTests()).toBe(storeAfterFirst);

      // A marker sent after the retry: once B has it, any relay of the retry would have arrived.
      const marker = await a.sendOk({ type: 'session_started' });
      expect(marker.seq).toBe(first.seq + 1);
      await b.received(marker.eventId);
      await a.received(marker.eventId);
      const eventIds = (client: typeof a.client) => client.envelopes.map((e) => e.eventId);
      expect(eventIds(b.client)).toEqual([envelope.eventId, marker.eventId]);
      expect(eventIds(a.client)).toEqual([envelope.eventId, marker.eventId]);

      const log = expectOk(await b.sync(0));
      expect(log.envelopes.filter((e) => e.eventId === envelope.eventId)).toHaveLength(1);
      expect(log.envelopes.map((e) => e.seq)).toEqual([first.seq, marker.seq]);
    });

    it('R2: keeps the first copy when a retry carries a different ciphertext', async () => {
      const { a, b } = await harness.pair();
      const original = await a.seal(PAUSE);
      const first = expectOk(await a.client.request('envelope:send', original));

      // A retry re-seals with a fresh IV, so its bytes differ; the stored event must not change.
      const resealed = await a.seal(PAUSE, original.eventId);
      expect(resealed.ciphertext).not.toBe(original.ciphertext);
      const retry = expectOk(await a.client.request('envelope:send', resealed));
      expect(retry).toEqual({ ok: true, seq: first.seq, duplicate: true });

      const [stored] = expectOk(await b.sync(0)).envelopes;
      expect(stored?.ciphertext).toBe(original.ciphertext);
    });

    it('R2: recognises a retry that arrives over a new connection', async () => {
      const { a, b } = await harness.pair();
      const envelope = await a.seal(PAUSE);
      const first = expectOk(await a.client.request('envelope:send', envelope));
      await b.received(envelope.eventId);

      // The phone lost its connection before the ack arrived and retries from its outbox.
      await a.disconnect();
      await a.connect();
      expectOk(await a.join());
      const retry = expectOk(await a.client.request('envelope:send', envelope));
      expect(retry).toEqual({ ok: true, seq: first.seq, duplicate: true });

      const marker = await a.sendOk({ type: 'session_started' });
      await b.received(marker.eventId);
      expect(b.client.envelopes.map((e) => e.eventId)).toEqual([envelope.eventId, marker.eventId]);
    });

    it('R2 R4: refuses an event id already used by the other seat', async () => {
      const { server, a, b } = await harness.pair();
      const fromA = await a.sendOk(PAUSE);
      await b.received(fromA.eventId);
      const storeBefore = server.store.dumpForTests();

      // B sends its own, validly sealed event under A's event id.
      const ciphertext = await sealEvent(
        b.keys,
        { roomId: b.roomId, eventId: fromA.eventId, seat: 1 },
        { type: 'signal_seen', signalIds: [fromA.eventId] },
      );
      const reply = await b.client.request('envelope:send', {
        eventId: fromA.eventId,
        ciphertext,
        notify: false,
      });
      expect(reply).toEqual(errorReply('event_id_conflict'));
      expect(server.store.dumpForTests()).toBe(storeBefore);

      // Nothing was relayed: A's next marker is the only thing after its own pause.
      const marker = await b.sendOk({ type: 'session_started' });
      await a.received(marker.eventId);
      expect(a.client.envelopes.map((e) => e.eventId)).toEqual([fromA.eventId, marker.eventId]);
      expect(marker.seq).toBe(fromA.seq + 1);
    });
  });
});
