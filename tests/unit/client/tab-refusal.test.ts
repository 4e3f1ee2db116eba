import { afterEach, describe, expect, it } from 'vitest';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import { ErrorCode } from '../../../shared/errors.ts';
import { until } from '../../support/until-view.ts';
import type { FakePhone } from './support/fake-room.ts';
import { acceptJoin, fakePhone, stopFakePhones } from './support/fake-room.ts';

afterEach(() => {
  stopFakePhones();
});

const view = (phone: FakePhone): RoomView => phone.client.getSnapshot();

/** Two joined tabs of one browser on one seat; the first holds the lock, so it sends. */
async function twoTabs(): Promise<{ sender: FakePhone; other: FakePhone }> {
  const sender = await fakePhone();
  await acceptJoin(sender.pair.socket);
  await until(sender.client, (v) => v.connected, 'sending tab joined');
  const other = await fakePhone({ browser: sender.browser, secret: sender.secret });
  await acceptJoin(other.pair.socket);
  await until(other.client, (v) => v.connected, 'other tab joined');
  return { sender, other };
}

describe('RoomClient: a refusal is said in every tab of the browser', () => {
  it.each(['connected', 'blipped'] as const)(
    'R4, R10: the non-sending tab (%s) taps Pause, the sending tab is refused for good: both tabs say "Not sent", each dismisses its own',
    async (connection) => {
      const { sender, other } = await twoTabs();
      if (connection === 'blipped') other.pair.socket.drop();
      other.client.sendSignal('pause');
      const pause = view(other).outbox[0]?.eventId;

      const send = await sender.pair.socket.next('envelope:send');
      expect(send.payload.eventId).toBe(pause);
      send.answer({ ok: false, error: { code: ErrorCode.invalidPayload } });

      const expected = { type: 'signal', eventId: pause, kind: 'pause' };
      const [toldSender, toldOther] = await Promise.all([
        until(sender.client, (v) => v.refused !== null, 'sending tab told'),
        until(other.client, (v) => v.refused !== null, 'tapping tab told'),
      ]);
      expect(toldSender.refused).toEqual(expected);
      expect(toldOther.refused).toEqual(expected);
      // The Pause left the shared outbox: the tapping tab no longer shows it as sending.
      await until(other.client, (v) => v.outbox.length === 0, 'tapping tab outbox empty');
      expect(other.pair.socket.emitted.filter((r) => r.name === 'envelope:send')).toEqual([]);

      // Dismissed in the tab where it was read; the other tab still says it.
      other.client.dismissRefused();
      expect(view(other).refused).toBeNull();
      expect(view(sender).refused).toEqual(expected);
    },
  );
});
