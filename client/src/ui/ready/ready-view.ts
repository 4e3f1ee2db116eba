import type { Seat } from '../../../../shared/ids.ts';
import { otherSeat } from '../../../../shared/ids.ts';
import { testAlertAwaiting } from '../../../../shared/readiness.ts';
import type { TestAlertRecord } from '../../../../shared/reducer.ts';
import type { RoomView } from '../../room/room-client.ts';
import { partnerOnline } from '../view-model.ts';

/**
 * The ready check as the screens show it, from the log and the outbox (a tap shows at once), and
 * from what only this phone knows (its screen lock and its sound).
 */

/** The partner's test alert waiting for this person's "Got it", unless said here already. */
export function incomingTestAlert(view: RoomView, seat: Seat): TestAlertRecord | null {
  const test = testAlertAwaiting(view.room, seat);
  if (test === null) return null;
  const seenHere = view.outbox.some(
    ({ event }) => event.type === 'test_alert_seen' && event.ref === test.id,
  );
  return seenHere ? null : test;
}

/**
 * Where this person's latest test alert has got to: none sent, on its way (in the outbox, not in
 * the log: a newer tap supersedes the logged one), waiting for the partner's "Got it", or seen.
 */
export type OwnTestStatus = 'none' | 'sending' | 'waiting' | 'seen';

export function ownTestStatus(view: RoomView, seat: Seat): OwnTestStatus {
  if (view.outbox.some(({ event }) => event.type === 'test_alert')) return 'sending';
  const test = view.room.testAlerts[seat];
  if (test === null) return 'none';
  return test.seenAt === null ? 'waiting' : 'seen';
}

/** Whether this person has said "Got it" to the partner's latest test (logged or queued here). */
export function partnerTestSeenHere(view: RoomView, seat: Seat): boolean {
  return view.room.testAlerts[otherSeat(seat)] !== null && incomingTestAlert(view, seat) === null;
}

/** Sound on this phone: the setting, and whether the browser can play it at all. */
export type SoundReadiness = 'on' | 'off' | 'unavailable';

/**
 * The screen on this phone: "Keep screen on" will hold it awake while the session runs, the
 * person turned that off, or this browser has no Screen Wake Lock API. The lock itself is only
 * held in the session (wake/): before it, the check reports the choice and the platform, and the
 * session panel says plainly if the platform then refuses.
 */
export type ScreenReadiness = 'kept_on' | 'off' | 'unsupported';

export function screenReadiness(chosen: boolean, apiPresent: boolean): ScreenReadiness {
  if (!chosen) return 'off';
  return apiPresent ? 'kept_on' : 'unsupported';
}

export interface Readiness {
  readonly partnerConnected: boolean;
  readonly screen: ScreenReadiness;
  readonly sound: SoundReadiness;
  /** This person's test alert, as far as the partner's phone got. */
  readonly ownTest: OwnTestStatus;
  /**
   * Both phones have passed: each one's latest test was acknowledged by the other, and the
   * partner is connected now. The screen and the sound are shown but do not gate it: sound is
   * off by default on purpose (a phone may need to stay silent), and a platform may refuse the
   * wake lock with nothing the person can do; the check proves that an alert gets through and is
   * seen, which is what a Pause needs. The rows say plainly what is not on.
   */
  readonly bothReady: boolean;
}

export function readiness(
  view: RoomView,
  seat: Seat,
  local: { readonly screen: ScreenReadiness; readonly sound: SoundReadiness },
): Readiness {
  const partnerConnected = partnerOnline(view, seat);
  const ownTest = ownTestStatus(view, seat);
  return {
    partnerConnected,
    screen: local.screen,
    sound: local.sound,
    ownTest,
    bothReady: partnerConnected && ownTest === 'seen' && partnerTestSeenHere(view, seat),
  };
}
