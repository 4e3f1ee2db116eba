import { describe, expect, it } from 'vitest';
import type { ContentEvent } from '../../shared/content.ts';
import type { Seat } from '../../shared/ids.ts';
import type { Presence } from '../../shared/protocol.ts';
import { signalStatus } from '../../shared/reducer.ts';
import type { RoomState, SignalRecord } from '../../shared/reducer.ts';
import { SIGNAL_KINDS } from '../../shared/signals.ts';
import type { CheckInAnswer, SignalKind } from '../../shared/signals.ts';
import { presenceBothOnline, waitFor } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { STORE_KINDS } from './support/stores.ts';
import type { Partner } from './support/partner.ts';

const seatsOf = (presence: Presence) => presence.seats;

function signalOf(state: RoomState, id: string): SignalRecord {
  const signal = state.signals.find((candidate) => candidate.id === id);
  if (signal === undefined) throw new Error(`signal ${id} is not in the state`);
  return signal;
}

/**
 * `sender` sends every signal kind; `receiver` gets each as an urgent push, confirms delivery, then
 * acknowledges the pause and the slow-down and answers the check-in. Returns the signals' ids.
 */
async function exchangeSignals(
  sender: Partner,
  receiver: Partner,
  answer: CheckInAnswer,
): Promise<Record<SignalKind, string>> {
  const ids: Partial<Record<SignalKind, string>> = {};
  for (const kind of SIGNAL_KINDS) {
    const pushed = waitFor(
      receiver.socket,
      'envelope',
      (envelope) => envelope.seat === sender.seat,
    );
    const { eventId } = await sender.sendOk({ type: 'signal', kind });
    const envelope = await pushed;
    expect(envelope.eventId).toBe(eventId);
    expect(envelope.notify).toBe(true);
    expect(await receiver.open(envelope)).toEqual({ type: 'signal', kind });
    ids[kind] = eventId;

    // Receipts travel quietly, from the receiving phone back to the sender.
    const delivered = waitFor(sender.socket, 'envelope', (e) => e.seat === receiver.seat);
    await receiver.sendOk({ type: 'signal_delivered', signalId: eventId });
    const receipt = await delivered;
    expect(receipt.notify).toBe(false);
    expect(await sender.open(receipt)).toEqual({ type: 'signal_delivered', signalId: eventId });
  }
  const { pause, slow_down: slowDown, check_in: checkIn } = ids;
  if (pause === undefined || slowDown === undefined || checkIn === undefined) {
    throw new Error('a signal kind was not sent');
  }

  const acknowledgements: ContentEvent[] = [
    { type: 'signal_seen', signalIds: [pause, slowDown] },
    { type: 'check_in_answer', signalId: checkIn, answer },
  ];
  for (const event of acknowledgements) {
    const arrived = waitFor(sender.socket, 'envelope', (e) => e.seat === receiver.seat);
    await receiver.sendOk(event);
    expect(await sender.open(await arrived)).toEqual(event);
  }
  return { pause, slow_down: slowDown, check_in: checkIn };
}

describe.each(STORE_KINDS)('on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  describe('two partners in one room', () => {
    it('seats the creator in 0 and the partner in 1 and shows both online', async () => {
      const server = await harness.server();
      const a = await harness.starter(server);
      const b = await harness.invitee(a);

      const created = await a.enter({ create: true });
      expect(created.seat).toBe(0);
      expect(created.envelopes).toEqual([]);
      expect(created.complete).toBe(true);
      expect(seatsOf(created.presence)).toEqual([
        { taken: true, online: true, push: false },
        { taken: false, online: false, push: false },
      ]);

      const aSeesB = waitFor(a.socket, 'presence', presenceBothOnline);
      const joined = await b.enter();
      expect(joined.seat).toBe(1);
      expect(seatsOf(joined.presence)).toEqual([
        { taken: true, online: true, push: false },
        { taken: true, online: true, push: false },
      ]);
      expect(seatsOf(await aSeesB)).toEqual([
        { taken: true, online: true, push: false },
        { taken: true, online: true, push: false },
      ]);
    });

    it('R1, R11: relays every signal kind urgently, returns receipts, and both phones fold the same room', async () => {
      const { a, b } = await harness.pair();

      const fromA = await exchangeSignals(a, b, 'okay');
      const fromB = await exchangeSignals(b, a, 'slow_down');

      // Both phones hold the whole log (each also receives its own sends, with their seqs).
      const lastSeq = Math.max(a.lastSeq, b.lastSeq);
      expect(lastSeq).toBe(2 * (2 * SIGNAL_KINDS.length + 2));
      await Promise.all([a.holdsUpTo(lastSeq), b.holdsUpTo(lastSeq)]);

      const [stateA, stateB] = await Promise.all([a.state(), b.state()]);
      expect(stateA).toEqual(stateB);
      expect(stateA.lastSeq).toBe(lastSeq);

      const expectations: [Record<SignalKind, string>, Seat, CheckInAnswer][] = [
        [fromA, 0, 'okay'],
        [fromB, 1, 'slow_down'],
      ];
      for (const [ids, from, answer] of expectations) {
        const pause = signalOf(stateA, ids.pause);
        expect(pause).toMatchObject({ kind: 'pause', from });
        expect(signalStatus(pause)).toBe('seen');
        expect(signalStatus(signalOf(stateA, ids.slow_down))).toBe('seen');
        const checkIn = signalOf(stateA, ids.check_in);
        expect(signalStatus(checkIn)).toBe('answered');
        expect(checkIn.answer).toBe(answer);
      }
    });

    it('syncs a checklist tick from one phone to the other', async () => {
      const { a, b } = await harness.pair();
      const ended = await b.sendOk({ type: 'session_ended' });
      // A has the ended push before the tick is sent, so only the tick's push can match below.
      await a.received(ended.eventId);

      const arrived = waitFor(a.socket, 'envelope', (envelope) => envelope.seat === 1);
      const tick: ContentEvent = {
        type: 'checklist_item_checked',
        itemId: 'wish-water',
        checked: true,
      };
      const { eventId } = await b.sendOk(tick);
      const envelope = await arrived;
      expect(envelope.eventId).toBe(eventId);
      expect(envelope.notify).toBe(false);
      expect(await a.open(envelope)).toEqual(tick);

      await a.holdsUpTo(envelope.seq);
      const state = await a.state();
      expect(state.session.status).toBe('ended');
      expect(state.checklist.find((item) => item.id === 'wish-water')).toMatchObject({
        checked: true,
        checkedBy: 1,
      });
    });

    it('tells the other phone when a partner goes offline', async () => {
      const { a, b } = await harness.pair();

      const offline = waitFor(a.socket, 'presence', (presence) => !presence.seats[1].online);
      await b.disconnect();
      expect(seatsOf(await offline)).toEqual([
        { taken: true, online: true, push: false },
        { taken: true, online: false, push: false },
      ]);
    });
  });
});
