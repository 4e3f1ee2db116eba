import { describe, expect, it } from 'vitest';
import type { ContentEvent, ContentEventType } from '../../shared/content.ts';
import { SIGNAL_KINDS } from '../../shared/signals.ts';
import { bytesOnDisk } from '../support/temp-sqlite.ts';
import { expectOk } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { STORE_KINDS } from './support/stores.ts';

const LABEL = 'Zebra-lemonade-7781';
const ITEM_ID = 'quokka-item-5529';

describe.each(STORE_KINDS)('the server is blind, on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  it('stores no content, kind, label or secret: only opaque, equally sized ciphertext', async () => {
    const { server, a, b } = await harness.pair({ captureLogs: true });

    const types = new Set<ContentEventType>();
    const send = async (from: typeof a, event: ContentEvent) => {
      types.add(event.type);
      return from.sendOk(event);
    };

    await send(a, { type: 'session_started' });
    const signalIds: string[] = [];
    const receiptIds: string[] = [];
    const sizes = new Map<string, number>();
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const kind of SIGNAL_KINDS) {
        const { eventId } = await send(from, { type: 'signal', kind });
        signalIds.push(eventId);
        const envelope = await to.received(eventId);
        sizes.set(`signal ${kind}`, envelope.ciphertext.length);
        const receipt = await send(to, { type: 'signal_delivered', signalId: eventId });
        receiptIds.push(receipt.eventId);
        if (kind === 'check_in') {
          await send(to, { type: 'check_in_answer', signalId: eventId, answer: 'okay' });
        } else {
          await send(to, { type: 'signal_seen', signalIds: [eventId] });
        }
      }
    }
    await send(b, { type: 'session_ended' });
    await send(a, {
      type: 'checklist_item_added',
      itemId: ITEM_ID,
      label: LABEL,
      audience: 'seat1',
    });
    await send(b, { type: 'checklist_item_checked', itemId: ITEM_ID, checked: true });
    const last = await send(a, {
      type: 'checklist_item_checked',
      itemId: 'wish-water',
      checked: true,
    });

    // The session really exercised every content event type, and both phones can read it all.
    expect([...types].sort()).toEqual(
      [
        'check_in_answer',
        'checklist_item_added',
        'checklist_item_checked',
        'session_ended',
        'session_started',
        'signal',
        'signal_delivered',
        'signal_seen',
      ].sort(),
    );
    await Promise.all([a.holdsUpTo(last.seq), b.holdsUpTo(last.seq)]);
    const state = await b.state();
    expect(state).toEqual(await a.state());
    expect(state.checklist.find((item) => item.id === ITEM_ID)).toMatchObject({
      what: { type: 'words', label: LABEL },
      checked: true,
    });

    const dump = server.store.dumpForTests();
    expect(dump).toContain(a.roomId);
    const forbidden = [
      LABEL,
      ITEM_ID,
      'Zebra',
      'lemonade',
      'pause',
      'slow_down',
      'check_in',
      'checklist',
      'signal',
      'session',
      'answer',
      'wish-water',
      a.roomSecret,
      a.memberSecret,
      b.memberSecret,
    ];
    for (const text of forbidden) expect(dump, `the store holds "${text}"`).not.toContain(text);
    // On SQLite, not in any byte of the file or its write-ahead log either.
    expect(server.storeFile === null).toBe(storeKind === 'memory');
    if (server.storeFile !== null) {
      const bytes = bytesOnDisk(server.storeFile);
      expect(bytes.includes(a.roomId)).toBe(true);
      for (const text of forbidden)
        expect(bytes.includes(text), `the file holds "${text}"`).toBe(false);
    }

    // The logs hold operational facts only: no content, no secret, no room or member id.
    expect(server.logLines.length).toBeGreaterThan(0);
    const logs = server.logLines.join('\n');
    const ciphertexts = expectOk(await b.sync(0)).envelopes.map((envelope) => envelope.ciphertext);
    for (const text of [...forbidden, a.roomId, a.memberId, b.memberId, ...ciphertexts]) {
      expect(logs, `the logs hold "${text}"`).not.toContain(text);
    }

    // Every envelope has the same size, whatever it carries: a signal looks like a receipt.
    const log = expectOk(await a.sync(0)).envelopes;
    const lengths = new Set(log.map((envelope) => envelope.ciphertext.length));
    expect(lengths.size).toBe(1);
    const lengthOf = (eventId: string | undefined) =>
      log.find((envelope) => envelope.eventId === eventId)?.ciphertext.length;
    expect(lengthOf(receiptIds[0])).toBe(lengthOf(signalIds[0]));
    expect(lengthOf(signalIds[0])).toBeGreaterThan(0);
    expect(new Set(sizes.values()).size).toBe(1);
  });

  it('cannot have an envelope re-attributed or moved without the phone noticing', async () => {
    const { a, b } = await harness.pair();
    const { eventId } = await a.sendOk({ type: 'signal', kind: 'pause' });
    const envelope = await b.received(eventId);

    // What a dishonest server might relay instead: the same bytes under the other seat or id.
    await expect(b.open({ ...envelope, seat: 1 })).rejects.toThrow(/tampered/);
    await expect(b.open({ ...envelope, eventId: 'B'.repeat(22) })).rejects.toThrow(/tampered/);
    await expect(b.open(envelope)).resolves.toEqual({ type: 'signal', kind: 'pause' });
  });
});
