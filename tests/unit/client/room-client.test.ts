import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETRY_MIN_MS } from '../../../client/src/room/backoff.ts';
import { loadOrCreateDevice } from '../../../client/src/room/device-record.ts';
import { lastOwnSignal } from '../../../client/src/ui/view-model.ts';
import { ErrorCode } from '../../../shared/errors.ts';
import type { SignalKind } from '../../../shared/signals.ts';
import { until } from '../../support/until-view.ts';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import type { FakePhone } from './support/fake-room.ts';
import {
  acceptJoin,
  fakePhone,
  stopFakePhones,
  sealedEnvelope,
  storedFrom,
} from './support/fake-room.ts';

afterEach(() => {
  stopFakePhones();
});

const view = (phone: FakePhone): RoomView => phone.client.getSnapshot();

/**
 * A joined phone whose partner's signal (seq 1) it folded, and whose delivery receipt for it the
 * server stored (seq 2): settled, with an empty outbox.
 */
async function joinedWithPartnerSignal(kind: SignalKind) {
  const phone = await fakePhone();
  const socket = phone.pair.socket;
  const signal = await sealedEnvelope(phone.keys, 1, { type: 'signal', kind });
  await acceptJoin(socket, { envelopes: [signal] });
  const receipt = await socket.next('envelope:send');
  receipt.answer({ ok: true, seq: 2, duplicate: false });
  socket.push('envelope', storedFrom(receipt.payload, 2));
  await until(phone.client, (v) => v.room.lastSeq === 2 && v.outbox.length === 0, 'receipt');
  return { phone, socket, signal };
}

describe('RoomClient over a test socket pair: the order of deliveries', () => {
  it.each(['ack first', 'push first'] as const)(
    'R2, R8: a send whose %s: the event leaves the outbox once the log holds it, folded once',
    async (order) => {
      const phone = await fakePhone();
      const socket = phone.pair.socket;
      await acceptJoin(socket);
      await until(phone.client, (v) => v.connected, 'joined');
      phone.client.sendSignal('pause');
      const send = await socket.next('envelope:send');
      const stored = storedFrom(send.payload, 1);

      if (order === 'ack first') {
        send.answer({ ok: true, seq: 1, duplicate: false });
        const acked = await until(phone.client, (v) => v.outbox[0]?.ackedSeq === 1, 'acked');
        expect(lastOwnSignal(acked, 0)?.status).toBe('sent');
        socket.push('envelope', stored);
      } else {
        socket.push('envelope', stored);
        await until(phone.client, (v) => v.room.lastSeq === 1, 'folded');
        send.answer({ ok: true, seq: 1, duplicate: false });
      }

      const settled = await until(
        phone.client,
        (v) => v.outbox.length === 0 && v.room.lastSeq === 1,
        'settled',
      );
      expect(settled.room.signals.map((signal) => signal.id)).toEqual([send.payload.eventId]);
      expect(lastOwnSignal(settled, 0)).toMatchObject({ kind: 'pause', status: 'sent' });
      expect(socket.emitted.filter((request) => request.name === 'envelope:send')).toHaveLength(1);
    },
  );

  it('R1, R2: a push that beats the join reply is folded after the replay, in seq order, once', async () => {
    const phone = await fakePhone();
    const socket = phone.pair.socket;
    socket.open();
    const join = await socket.next('room:join');
    const first = await sealedEnvelope(phone.keys, 1, { type: 'session_started' });
    const second = await sealedEnvelope(phone.keys, 2, { type: 'signal', kind: 'slow_down' });
    const third = await sealedEnvelope(phone.keys, 3, {
      type: 'checklist_item_checked',
      itemId: 'wish-water',
      checked: true,
    });
    // Pushed before the join is answered; the replay then covers it too.
    socket.push('envelope', third);
    join.answer({
      ok: true,
      seat: 0,
      incarnation: 'first',
      lastSeq: 3,
      presence: {
        seats: [
          { taken: true, online: true, push: false },
          { taken: true, online: true, push: false },
        ],
      },
      envelopes: [first, second, third],
      complete: true,
      pushKey: null,
    });
    const joined = await until(phone.client, (v) => v.room.lastSeq === 3, 'folded');
    expect(joined.room.session.status).toBe('in_progress');
    expect(joined.room.signals.map((signal) => signal.id)).toEqual([second.eventId]);
    expect(joined.room.checklist.find((item) => item.id === 'wish-water')?.checked).toBe(true);
    // Its delivery receipt is queued once, not once per copy.
    const receipt = await socket.next('envelope:send');
    const receipts = view(phone).outbox.filter((entry) => entry.event.type === 'signal_delivered');
    expect(receipts.map((entry) => entry.eventId)).toEqual([receipt.payload.eventId]);
  });

  it('R7: a push past a gap is held while room:sync pages fill the gap, then folded', async () => {
    const phone = await fakePhone();
    const socket = phone.pair.socket;
    await acceptJoin(socket);
    await until(phone.client, (v) => v.connected, 'joined');
    const envelopes = await Promise.all(
      [1, 2, 3].map((seq) =>
        sealedEnvelope(phone.keys, seq, {
          type: 'checklist_item_checked',
          itemId: 'wish-water',
          checked: seq % 2 === 1,
        }),
      ),
    );
    const [one, two, three] = envelopes;
    if (one === undefined || two === undefined || three === undefined) throw new Error('no log');
    socket.push('envelope', three);
    const sync = await socket.next('room:sync');
    expect(sync.payload).toEqual({ afterSeq: 0 });
    expect(view(phone).room.lastSeq).toBe(0);
    sync.answer({ ok: true, envelopes: [one], complete: false });
    const next = await socket.next('room:sync');
    expect(next.payload).toEqual({ afterSeq: 1 });
    next.answer({ ok: true, envelopes: [two, three], complete: true });
    const caughtUp = await until(phone.client, (v) => v.room.lastSeq === 3, 'caught up');
    expect(caughtUp.room.checklist.find((item) => item.id === 'wish-water')?.checked).toBe(true);
  });
});

describe('RoomClient over a test socket pair: what reaching this phone needs', () => {
  it('a page hidden while the room opens says so at the join', async () => {
    const phone = await fakePhone({
      whileOpening: (client) => {
        client.setHidden(true);
      },
    });
    const socket = phone.pair.socket;
    await acceptJoin(socket);
    await until(phone.client, (v) => v.connected, 'joined');
    // Said as the join is taken in, before anything else about reaching this phone.
    const said = socket.emitted.filter(({ name }) => name === 'phone:visibility');
    expect(said.map(({ payload }) => payload)).toEqual([{ hidden: true }]);
  });
});

describe('RoomClient over a test socket pair: no request dropped silently', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([ErrorCode.invalidPayload, ErrorCode.eventIdConflict, ErrorCode.unauthorized])(
    'R4: a signal refused for good (%s) leaves the outbox, the sender is told until they dismiss it, and the next event goes',
    async (code) => {
      const phone = await fakePhone();
      const socket = phone.pair.socket;
      await acceptJoin(socket);
      await until(phone.client, (v) => v.connected, 'joined');
      phone.client.sendSignal('pause');
      phone.client.startSession();
      const refused = await socket.next('envelope:send');
      refused.answer({ ok: false, error: { code } });
      const told = await until(phone.client, (v) => v.refused !== null, 'told');
      expect(told.refused).toEqual({
        type: 'signal',
        eventId: refused.payload.eventId,
        kind: 'pause',
      });
      expect(told.outbox.map((entry) => entry.event.type)).toEqual(['session_started']);

      const behind = await socket.next('envelope:send');
      expect(behind.payload.eventId).not.toBe(refused.payload.eventId);
      behind.answer({ ok: true, seq: 1, duplicate: false });
      socket.push('envelope', storedFrom(behind.payload, 1));
      const settled = await until(phone.client, (v) => v.outbox.length === 0, 'settled');
      // Still said: nothing but the person's own tap takes it away.
      expect(settled.refused).toEqual(told.refused);
      phone.client.dismissRefused();
      expect(view(phone).refused).toBeNull();
    },
  );

  it.each(['okay', 'pause'] as const)(
    'R4: a check-in answer (%s) refused for good is said too: the partner is waiting for it',
    async (answer) => {
      const { phone, socket, signal: checkIn } = await joinedWithPartnerSignal('check_in');

      phone.client.answerCheckIn(checkIn.eventId, answer);
      const refused = await socket.next('envelope:send');
      refused.answer({ ok: false, error: { code: ErrorCode.invalidPayload } });
      const told = await until(phone.client, (v) => v.refused !== null, 'told');
      expect(told.refused).toEqual({
        type: 'check_in_answer',
        eventId: refused.payload.eventId,
        answer,
      });
    },
  );

  it('R4: a refused signal_seen gives no notice: the partner still sees "Not seen yet"', async () => {
    const { phone, socket, signal: pause } = await joinedWithPartnerSignal('pause');
    phone.client.acknowledge([pause.eventId]);
    phone.client.startSession();
    const seen = await socket.next('envelope:send');
    seen.answer({ ok: false, error: { code: ErrorCode.invalidPayload } });
    // The next event goes, and nothing was said about the refused one.
    await socket.next('envelope:send');
    expect(view(phone).refused).toBeNull();
  });

  it('R4: another event refused for good is dropped without a notice, and the Pause behind it goes', async () => {
    const phone = await fakePhone();
    const socket = phone.pair.socket;
    await acceptJoin(socket);
    await until(phone.client, (v) => v.connected, 'joined');
    phone.client.setItemChecked('wish-water', true);
    phone.client.sendSignal('pause');
    (await socket.next('envelope:send')).answer({
      ok: false,
      error: { code: ErrorCode.invalidPayload },
    });
    const pause = await socket.next('envelope:send');
    const queued = view(phone).outbox;
    expect(queued.map((entry) => entry.event.type)).toEqual(['signal']);
    expect(pause.payload.eventId).toBe(queued[0]?.eventId);
    expect(view(phone).refused).toBeNull();
  });

  it.each([
    ['storage_unavailable', { ok: false, error: { code: ErrorCode.storageUnavailable } }],
    ['internal', { ok: false, error: { code: ErrorCode.internal } }],
    ['no answer', null],
  ] as const)(
    'R8: a send answered %s is sent again after the backoff, never dropped',
    async (_, reply) => {
      const phone = await fakePhone();
      const socket = phone.pair.socket;
      await acceptJoin(socket);
      await until(phone.client, (v) => v.connected, 'joined');
      phone.client.sendSignal('pause');
      const first = await socket.next('envelope:send');
      if (reply === null) first.timeOut();
      else first.answer(reply);
      expect(view(phone).outbox).toHaveLength(1);
      // Sent again by itself, once the backoff (real time, half a second) is over.
      const again = await socket.next('envelope:send');
      expect(again.payload.eventId).toBe(first.payload.eventId);
      again.answer({ ok: true, seq: 1, duplicate: false });
      await until(phone.client, (v) => v.outbox[0]?.ackedSeq === 1, 'acked');
    },
  );

  it.each([ErrorCode.notJoined, ErrorCode.roomNotFound])(
    'R8: a send answered %s makes the connection join again, and the same event then goes',
    async (code) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const phone = await fakePhone();
      const socket = phone.pair.socket;
      await acceptJoin(socket);
      await until(phone.client, (v) => v.connected, 'joined');
      phone.client.sendSignal('pause');
      const first = await socket.next('envelope:send');
      first.answer({ ok: false, error: { code } });
      await until(phone.client, (v) => !v.connected, 'seat dropped');
      expect(view(phone).status).toEqual({ kind: 'open' });
      vi.advanceTimersByTime(RETRY_MIN_MS);
      await acceptJoin(socket);
      const again = await socket.next('envelope:send');
      expect(again.payload.eventId).toBe(first.payload.eventId);
      expect(view(phone)).toMatchObject({ status: { kind: 'open' }, connected: true });
    },
  );

  it('a sync answered not_joined joins again and asks from the last seq held', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const phone = await fakePhone();
    const socket = phone.pair.socket;
    const one = await sealedEnvelope(phone.keys, 1, { type: 'session_started' });
    await acceptJoin(socket, { envelopes: [one], complete: false });
    (await socket.next('room:sync')).answer({
      ok: false,
      error: { code: ErrorCode.notJoined },
    });
    await until(phone.client, (v) => !v.connected, 'seat dropped');
    vi.advanceTimersByTime(RETRY_MIN_MS);
    const rejoin = await acceptJoin(socket);
    expect(rejoin.payload.afterSeq).toBe(1);
  });

  it('protocol_mismatch on the join: outdated, keeping the seat and the outbox for the reload', async () => {
    const phone = await fakePhone();
    const device = loadOrCreateDevice(phone.storage, phone.keys.roomId);
    phone.client.sendSignal('pause');
    const queued = view(phone).outbox;
    phone.pair.socket.open();
    (await phone.pair.socket.next('room:join')).answer({
      ok: false,
      error: { code: ErrorCode.protocolMismatch },
    });
    await vi.waitUntil(() => view(phone).status.kind === 'outdated');
    expect(view(phone)).toMatchObject({
      connected: false,
      outbox: queued,
      unsentSignalLost: false,
    });
    expect(phone.pair.socket.wanted).toBe(false);
    expect(loadOrCreateDevice(phone.storage, phone.keys.roomId)).toEqual(device);
    expect(await phone.local.loadOutbox(phone.keys.roomId)).toEqual(queued);
  });
});
