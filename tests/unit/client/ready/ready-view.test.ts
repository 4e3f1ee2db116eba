import { describe, expect, it } from 'vitest';
import type { RoomView } from '../../../../client/src/room/room-client.ts';
import { alertKey, roomAlert } from '../../../../client/src/ui/before/rounds-view.ts';
import {
  incomingTestAlert,
  ownTestStatus,
  partnerTestSeenHere,
  readiness,
  screenReadiness,
} from '../../../../client/src/ui/ready/ready-view.ts';
import type {
  ScreenReadiness,
  SoundReadiness,
} from '../../../../client/src/ui/ready/ready-view.ts';
import type { ContentEvent } from '../../../../shared/content.ts';
import type { Seat } from '../../../../shared/ids.ts';
import { foldLog } from '../../../../shared/reducer.ts';
import type { RoomState } from '../../../../shared/reducer.ts';
import { idOf, log, signal, started } from '../../support/logs.ts';
import { queued, viewOf } from '../before/views.ts';

const test: ContentEvent = { type: 'test_alert' };
const gotIt = (seq: number): ContentEvent => ({ type: 'test_alert_seen', ref: idOf(seq) });

const online = (seat: Seat, view: RoomView, partnerOnline = true): RoomView => ({
  ...view,
  seat,
  presence: {
    seats: [
      { taken: true, online: seat === 0 || partnerOnline, push: false },
      { taken: true, online: seat === 1 || partnerOnline, push: false },
    ],
  },
});

const LOCAL = { screen: 'kept_on', sound: 'on' } as const;

/** Seat 0 tested and seat 1 saw it; seat 1 tested and seat 0 saw it. */
const BOTH_PASSED: RoomState = foldLog(log([0, test], [1, gotIt(1)], [1, test], [0, gotIt(3)]));

describe('the incoming test alert', () => {
  it('shows the partner’s latest test until this person says "Got it", even before it is logged', () => {
    const room = foldLog(log([1, test]));
    expect(incomingTestAlert(viewOf(room), 0)?.id).toBe(idOf(1));
    expect(incomingTestAlert(viewOf(room, [queued(gotIt(1))]), 0)).toBeNull();
    // A "Got it" for another test does not hide this one.
    expect(incomingTestAlert(viewOf(room, [queued(gotIt(7))]), 0)?.id).toBe(idOf(1));
    // Never one's own.
    expect(incomingTestAlert(viewOf(room, [], 1), 1)).toBeNull();
  });
});

describe('roomAlert puts a test behind everything real', () => {
  it('a partner’s signal shows first; the test once the signal is answered', () => {
    const room = foldLog(log([1, test], [1, signal('pause')]));
    expect(roomAlert(viewOf(room), 0)).toMatchObject({ type: 'signals' });
    const answered = viewOf(room, [queued({ type: 'signal_seen', signalIds: [idOf(2)] })]);
    expect(roomAlert(answered, 0)).toMatchObject({ type: 'test', test: { id: idOf(1) } });
  });

  it('a regular check-in come due shows before a test', () => {
    const room = foldLog(
      log(
        [1, test],
        [0, { type: 'regular_check_ins_set', everyMinutes: 10 }],
        [1, started],
        [1, { type: 'check_in_round_due', round: 1 }],
      ),
    );
    expect(roomAlert(viewOf(room), 0)).toEqual({ type: 'round', round: 1 });
  });

  it('keys the test by its id, so a new test mounts afresh', () => {
    const alert = roomAlert(viewOf(foldLog(log([1, test]))), 0);
    expect(alert && alertKey(alert)).toBe(`test-${idOf(1)}`);
  });
});

describe('this person’s own test', () => {
  it.each<[string, RoomState, readonly ContentEvent[], string]>([
    ['none sent', foldLog([]), [], 'none'],
    ['tapped, not logged yet', foldLog([]), [test], 'sending'],
    ['logged, not seen', foldLog(log([0, test])), [], 'waiting'],
    ['seen', foldLog(log([0, test], [1, gotIt(1)])), [], 'seen'],
    [
      'seen, then tapped again: asks afresh',
      foldLog(log([0, test], [1, gotIt(1)])),
      [test],
      'sending',
    ],
  ])('%s → %s', (_name, room, outbox, expected) => {
    expect(
      ownTestStatus(
        viewOf(
          room,
          outbox.map((event) => queued(event)),
        ),
        0,
      ),
    ).toBe(expected);
  });

  it('the partner’s test counts as seen here once logged or queued here', () => {
    const room = foldLog(log([1, test]));
    expect(partnerTestSeenHere(viewOf(room), 0)).toBe(false);
    expect(partnerTestSeenHere(viewOf(room, [queued(gotIt(1))]), 0)).toBe(true);
    expect(partnerTestSeenHere(viewOf(foldLog(log([1, test], [0, gotIt(1)]))), 0)).toBe(true);
    expect(partnerTestSeenHere(viewOf(foldLog([])), 0)).toBe(false);
  });
});

describe('both phones ready', () => {
  it.each<[string, RoomView, boolean]>([
    ['both passed, partner connected', online(0, viewOf(BOTH_PASSED)), true],
    ['the same seen from the other seat', online(1, viewOf(BOTH_PASSED, [], 1)), true],
    ['partner not connected now', online(0, viewOf(BOTH_PASSED), false), false],
    ['no presence known (offline)', viewOf(BOTH_PASSED), false],
    ['only my test seen', online(0, viewOf(foldLog(log([0, test], [1, gotIt(1)])))), false],
    ['only theirs seen', online(0, viewOf(foldLog(log([1, test], [0, gotIt(1)])))), false],
    [
      'mine seen, theirs acknowledged here but not logged yet',
      online(0, viewOf(foldLog(log([0, test], [1, gotIt(1)], [1, test])), [queued(gotIt(3))])),
      true,
    ],
    [
      'a new test of mine waits for a new "Got it"',
      online(
        0,
        viewOf(foldLog(log([1, test], [0, gotIt(1)], [0, test], [1, gotIt(3)], [0, test]))),
      ),
      false,
    ],
  ])('%s → %s', (_name, view, expected) => {
    expect(readiness(view, view.seat ?? 0, LOCAL).bothReady).toBe(expected);
  });

  it.each<[ScreenReadiness, SoundReadiness]>([
    ['off', 'off'],
    ['unsupported', 'unavailable'],
    ['off', 'on'],
  ])('screen %s and sound %s are shown but do not gate it', (screen, sound) => {
    const ready = readiness(online(0, viewOf(BOTH_PASSED)), 0, { screen, sound });
    expect(ready).toMatchObject({ screen, sound, bothReady: true, partnerConnected: true });
  });
});

describe('screenReadiness', () => {
  it.each<[boolean, boolean, ScreenReadiness]>([
    [true, true, 'kept_on'],
    [true, false, 'unsupported'],
    [false, true, 'off'],
    [false, false, 'off'],
  ])('chosen %s, API present %s → %s', (chosen, apiPresent, expected) => {
    expect(screenReadiness(chosen, apiPresent)).toBe(expected);
  });
});
