import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushRecord } from '../../../../client/src/push/push-store.ts';
import { PushStore } from '../../../../client/src/push/push-store.ts';
import type { AppWindow } from '../../../../client/src/sw/notification-click.ts';
import { clickAction, roomInFront } from '../../../../client/src/sw/notification-click.ts';
import { notificationBody } from '../../../../client/src/sw/notification.ts';
import { openPush } from '../../../../client/src/sw/open-push.ts';
import { NOTIFICATION_WORDS_EN } from '../../../../client/src/ui/text/notification-words.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../../shared/crypto/codec.ts';
import type { PushPayload } from '../../../../shared/push-payload.ts';
import { SIGNAL_KINDS } from '../../../../shared/signals.ts';
import es from '../../../../client/src/locales/es.json' with { type: 'json' };
import { sealedEnvelope } from '../support/fake-room.ts';

const ES = es.notification;
const envelopePush = {
  type: 'envelope',
  roomId: 'room',
  incarnation: 'first',
  envelope: null,
} as const;
const wakePush = { type: 'wake', roomId: 'room', incarnation: 'first', at: 1 } as const;

describe('what a notification says', () => {
  const cases: [string, PushPayload, ContentEvent | null, boolean, string][] = [
    [
      'a Pause, name off',
      envelopePush,
      { type: 'signal', kind: 'pause' },
      false,
      'Your partner sent a signal',
    ],
    [
      'a Pause, name on',
      envelopePush,
      { type: 'signal', kind: 'pause' },
      true,
      'Your partner: Pause',
    ],
    [
      'slow down, name on',
      envelopePush,
      { type: 'signal', kind: 'slow_down' },
      true,
      'Your partner: Slow down',
    ],
    ['a test alert', envelopePush, { type: 'test_alert' }, true, 'Your partner is testing alerts'],
    [
      'a follow-up asked',
      envelopePush,
      { type: 'follow_up_asked' },
      false,
      'Your partner is checking in',
    ],
    ['not opened (no key, tampered)', envelopePush, null, true, 'Your partner sent a signal'],
    ['a wake', wakePush, null, true, 'Time for your check-in'],
  ];
  it.each(cases)('%s (English)', (_, payload, opened, showSignalName, body) => {
    expect(
      notificationBody(payload, opened, { words: NOTIFICATION_WORDS_EN, showSignalName }),
    ).toBe(body);
  });

  it.each([
    [{ type: 'signal', kind: 'pause' } as const, false, ES.signal],
    [{ type: 'signal', kind: 'pause' } as const, true, ES.named_pause],
    [null, true, ES.signal],
  ])('in Spanish too: %j, name %s', (opened, showSignalName, body) => {
    expect(notificationBody(envelopePush, opened, { words: ES, showSignalName })).toBe(body);
  });

  it('never names a signal unless the person chose it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIGNAL_KINDS), (kind) => {
        const body = notificationBody(
          envelopePush,
          { type: 'signal', kind },
          { words: NOTIFICATION_WORDS_EN, showSignalName: false },
        );
        return body === NOTIFICATION_WORDS_EN.signal;
      }),
    );
  });
});

/** A phone with notifications on for a room, and a Pause sealed by the partner. */
async function pushedPause({ showSignalName = false } = {}) {
  const secret = newRoomSecret();
  const keys = await deriveRoomKeys(secret);
  const factory = new IDBFactory();
  const record: PushRecord = {
    roomId: keys.roomId,
    contentKey: keys.contentKey,
    showSignalName,
    language: 'es',
    words: ES,
    address: `https://tandem.example/#${secret}`,
  };
  await new PushStore(factory).put(record);
  const envelope = await sealedEnvelope(keys, 4, { type: 'signal', kind: 'pause' });
  const payload: PushPayload = {
    type: 'envelope',
    roomId: keys.roomId,
    incarnation: 'first',
    envelope,
  };
  return { factory, record, envelope, payload, data: (json: unknown) => ({ json: () => json }) };
}

describe('the service worker opening a push', () => {
  it('opens the sealed envelope with the kept key and words it in the kept language', async () => {
    const { factory, payload, data, record } = await pushedPause({ showSignalName: true });
    const shown = await openPush(data(payload), [], factory);
    expect(shown?.title).toBe('Tandem');
    expect(shown?.options).toMatchObject({
      body: ES.named_pause,
      tag: `tandem-room-${record.roomId}`,
      renotify: true,
      icon: '/icon-192.png',
      lang: 'es',
      data: { address: record.address },
    });
    expect(shown?.options.vibrate.length).toBeGreaterThan(0);
  });

  it('shows the neutral words for a tampered envelope', async () => {
    const { factory, payload, data, envelope } = await pushedPause({ showSignalName: true });
    const tampered = { ...payload, envelope: { ...envelope, seat: 0 } };
    expect((await openPush(data(tampered), [], factory))?.options.body).toBe(ES.signal);
  });

  it('shows the neutral English words when no key is kept for the room', async () => {
    const { payload, data } = await pushedPause({ showSignalName: true });
    const shown = await openPush(data(payload), [], new IDBFactory());
    expect(shown?.options.body).toBe(NOTIFICATION_WORDS_EN.signal);
    expect(shown?.options.data).toEqual({ address: null });
  });

  it('shows the neutral words for a push it cannot read at all', async () => {
    const unreadable = { json: () => JSON.parse('{') as unknown };
    expect((await openPush(unreadable, [], new IDBFactory()))?.options.body).toBe(
      NOTIFICATION_WORDS_EN.signal,
    );
    expect((await openPush(null, [], new IDBFactory()))?.options.body).toBe(
      NOTIFICATION_WORDS_EN.signal,
    );
  });

  it('shows nothing while the room is in front: the page alerts itself', async () => {
    const { factory, payload, data, record } = await pushedPause();
    const front: AppWindow = { url: record.address, focused: true, visibilityState: 'visible' };
    expect(await openPush(data(payload), [front], factory)).toBeNull();
    const behind: AppWindow = { ...front, visibilityState: 'hidden' };
    expect(await openPush(data(payload), [behind], factory)).not.toBeNull();
  });
});

describe('a tap on a notification', () => {
  const address = 'https://tandem.example/#room-a';
  const win = (
    url: string,
    focused = false,
    visibilityState: DocumentVisibilityState = 'hidden',
  ): AppWindow => ({
    url,
    focused,
    visibilityState,
  });
  const cases: [string, AppWindow[], string | null, ReturnType<typeof clickAction>][] = [
    ['no window: opens the room', [], address, { type: 'open', url: address }],
    [
      "another room's window is not taken over",
      [win('https://tandem.example/#room-b')],
      address,
      { type: 'open', url: address },
    ],
    [
      "the room's window is brought forward",
      [win('https://tandem.example/'), win(address)],
      address,
      { type: 'focus', index: 1 },
    ],
    [
      'the focused one of two',
      [win(address), win(address, true)],
      address,
      { type: 'focus', index: 1 },
    ],
    ['nothing kept: the start screen', [win(address)], null, { type: 'open', url: '/' }],
  ];
  it.each(cases)('%s', (_, windows, to, action) => {
    expect(clickAction(windows, to)).toEqual(action);
  });

  it('counts the room as in front only when a window of it is focused and visible', () => {
    expect(roomInFront([win(address, true, 'visible')], address)).toBe(true);
    expect(roomInFront([win(address, false, 'visible')], address)).toBe(false);
    expect(roomInFront([win('https://tandem.example/#room-b', true, 'visible')], address)).toBe(
      false,
    );
    expect(roomInFront([win(address, true, 'visible')], null)).toBe(false);
  });
});
