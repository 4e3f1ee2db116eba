import { afterEach, describe, expect, it } from 'vitest';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import { reflectionStage } from '../../../client/src/ui/after/reflection-view.ts';
import type { ContentEvent } from '../../../shared/content.ts';
import { until, untilClosed } from '../../support/until-view.ts';
import type { FakePhone } from './support/fake-room.ts';
import {
  acceptJoin,
  fakePhone,
  sealedEnvelope,
  stopFakePhones,
  storedFrom,
} from './support/fake-room.ts';

afterEach(() => {
  stopFakePhones();
});

const ANSWERS = { good: 'Going slowly', change: 'Water closer by' };

const queuedOf = (view: RoomView, type: ContentEvent['type']) =>
  view.outbox.filter((entry) => entry.event.type === type);

/** A phone at seat 0, joined, with the session ended (seq 1). */
async function joinedAfterTheEnd(): Promise<FakePhone> {
  const phone = await fakePhone();
  const ended = await sealedEnvelope(phone.keys, 1, { type: 'session_ended' });
  await acceptJoin(phone.pair.socket, { envelopes: [ended] });
  await until(phone.client, (v) => v.connected && v.room.lastSeq === 1, 'joined');
  return phone;
}

/** The server stores the next send at `seq` and pushes it back; resolves once it is folded. */
async function storeNext(phone: FakePhone, seq: number): Promise<void> {
  const send = await phone.pair.socket.next('envelope:send');
  send.answer({ ok: true, seq, duplicate: false });
  phone.pair.socket.push('envelope', storedFrom(send.payload, seq));
  await until(
    phone.client,
    (v) =>
      v.room.lastSeq === seq && v.outbox.every((entry) => entry.eventId !== send.payload.eventId),
    `seq ${String(seq)}`,
  );
}

describe('RoomClient: reflections', () => {
  it('shares once, sealed so that only this device opens it, however often tapped', async () => {
    const phone = await joinedAfterTheEnd();
    const results = await Promise.all([
      phone.client.shareReflection(ANSWERS),
      phone.client.shareReflection(ANSWERS),
    ]);
    expect(results.sort()).toEqual([false, true]);
    const view = phone.client.getSnapshot();
    const shared = queuedOf(view, 'reflection_shared');
    expect(shared).toHaveLength(1);
    const event = shared[0]?.event;
    if (event?.type !== 'reflection_shared') throw new Error('not shared');
    expect(event.sealed).not.toContain('Going');
    expect(await phone.client.openOwnReflection(event.sealed)).toEqual({
      ok: true,
      answers: ANSWERS,
    });
    expect(reflectionStage(view, 0).own).toEqual({
      kind: 'shared',
      sealed: event.sealed,
      revealed: false,
    });

    // Another browser in the same room (the partner) has the room keys, not this device's key.
    const partner = await fakePhone({ secret: phone.secret });
    await acceptJoin(partner.pair.socket, { seat: 1 });
    await until(partner.client, (v) => v.connected, 'partner joined');
    expect((await partner.client.openOwnReflection(event.sealed)).ok).toBe(false);

    // Once the log holds it, sharing again sends nothing.
    await storeNext(phone, 2);
    expect(await phone.client.shareReflection({ good: 'again', change: '' })).toBe(false);
    expect(queuedOf(phone.client.getSnapshot(), 'reflection_shared')).toHaveLength(0);
  });

  it('reveals nothing before sharing, then its key once, which opens it for the partner', async () => {
    const phone = await joinedAfterTheEnd();
    expect(await phone.client.revealReflection()).toBe(false);
    expect(phone.client.getSnapshot().outbox).toHaveLength(0);

    await phone.client.shareReflection(ANSWERS);
    // Revealing while the share is still queued goes out after it, once.
    const reveals = await Promise.all([
      phone.client.revealReflection(),
      phone.client.revealReflection(),
    ]);
    expect(reveals.sort()).toEqual([false, true]);
    expect(queuedOf(phone.client.getSnapshot(), 'reflection_revealed')).toHaveLength(1);

    await storeNext(phone, 2);
    await storeNext(phone, 3);
    const view = phone.client.getSnapshot();
    const record = view.room.reflections[0];
    expect(record?.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await phone.client.revealReflection()).toBe(false);
    expect(view.outbox).toHaveLength(0);

    // The partner's phone opens it with the revealed key.
    const partner = await fakePhone({ secret: phone.secret });
    await acceptJoin(partner.pair.socket, { seat: 1 });
    await until(partner.client, (v) => v.connected, 'partner joined');
    if (record === null) throw new Error('no record');
    const opened = await partner.client.openPartnerReflection(record.sealed, record.key);
    expect(opened).toEqual({ ok: true, answers: ANSWERS });
    expect(await partner.client.openPartnerReflection(record.sealed, null)).toEqual({
      ok: false,
      reason: 'locked',
    });
  });

  it('R6: once the room is over, shares and reveals nothing and leaves no seat record behind', async () => {
    const phone = await joinedAfterTheEnd();
    await phone.client.shareReflection(ANSWERS);
    phone.pair.socket.push('room:deleted', { reason: 'deleted' });
    await untilClosed(phone.client);
    expect(phone.storage.keysFor(phone.keys.roomId)).toEqual([]);

    expect(await phone.client.shareReflection(ANSWERS)).toBe(false);
    expect(await phone.client.revealReflection()).toBe(false);
    expect(await phone.client.openOwnReflection('AAAA')).toEqual({ ok: false, reason: 'locked' });
    expect(phone.storage.keysFor(phone.keys.roomId)).toEqual([]);
    expect(phone.client.getSnapshot().outbox).toEqual([]);
  });
});
