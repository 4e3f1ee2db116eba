import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../client/src/room/outbox.ts';
import type { RoomView } from '../../../client/src/room/room-client.ts';
import {
  displayedChecked,
  incomingAlerts,
  lastOwnSignal,
  partnerJoined,
  partnerOnline,
  queuedItems,
  sendWarning,
} from '../../../client/src/ui/view-model.ts';
import type { ContentEvent } from '../../../shared/content.ts';
import type { Seat } from '../../../shared/ids.ts';
import type { Presence } from '../../../shared/protocol.ts';
import { foldLog, initialRoomState } from '../../../shared/reducer.ts';
import type { ChecklistItem, RoomState } from '../../../shared/reducer.ts';
import { fixedEventId } from '../../support/ids.ts';
import {
  added,
  answer,
  checked,
  delivered,
  idOf,
  log,
  seen,
  signal,
  started,
} from '../support/logs.ts';

let nextId = 500;

function queued(event: ContentEvent, ackedSeq: number | null = null): OutboxEntry {
  nextId += 1;
  return { eventId: fixedEventId(nextId), event, queuedAt: 0, ackedSeq };
}

function view(
  room: RoomState,
  outbox: readonly OutboxEntry[] = [],
  presence: Presence | null = null,
): RoomView {
  return {
    status: { kind: 'open' },
    connected: true,
    seat: 0,
    presence,
    room,
    outbox,
    unreachable: false,
    unsentSignalLost: false,
    refused: null,
    serverPush: { kind: 'unknown' },
  };
}

function item(state: RoomState, id: string): ChecklistItem {
  const found = state.checklist.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

/** Seat 1 sends three signals to seat 0, then seat 0 sends one to seat 1. */
const ROOM = foldLog(
  log(
    [1, signal('pause')], // 1
    [1, signal('check_in')], // 2
    [1, signal('slow_down')], // 3
    [0, delivered(1)], // 4
    [0, signal('check_in')], // 5
  ),
);

describe('incomingAlerts', () => {
  it("lists the partner's unacknowledged signals, oldest first, never one's own", () => {
    expect(incomingAlerts(view(ROOM), 0).map((s) => s.id)).toEqual([idOf(1), idOf(2), idOf(3)]);
    expect(incomingAlerts(view(ROOM), 1).map((s) => s.id)).toEqual([idOf(5)]);
  });

  it('drops signals seen or answered in the log', () => {
    const room = foldLog(
      log(
        [1, signal('pause')],
        [1, signal('check_in')],
        [1, signal('slow_down')],
        [0, seen(1)],
        [0, answer(2, 'okay')],
      ),
    );
    expect(incomingAlerts(view(room), 0).map((s) => s.id)).toEqual([idOf(3)]);
  });

  it('hides at once the signals acknowledged or answered in the outbox, sent or not', () => {
    const outbox = [
      queued({ type: 'signal_seen', signalIds: [idOf(1)] }, 9),
      queued({ type: 'check_in_answer', signalId: idOf(2), answer: 'pause' }),
      queued({ type: 'signal', kind: 'pause' }),
    ];
    expect(incomingAlerts(view(ROOM, outbox), 0).map((s) => s.id)).toEqual([idOf(3)]);
  });

  it('ignores outbox entries that acknowledge nothing (receipts, ticks, own signals)', () => {
    const outbox = [
      queued({ type: 'signal_delivered', signalId: idOf(2) }),
      queued(checked('wish-water')),
      queued({ type: 'signal', kind: 'slow_down' }),
    ];
    expect(incomingAlerts(view(ROOM, outbox), 0).map((s) => s.id)).toEqual([
      idOf(1),
      idOf(2),
      idOf(3),
    ]);
  });

  it('a batch acknowledgement hides every signal it names', () => {
    const outbox = [queued({ type: 'signal_seen', signalIds: [idOf(3), idOf(1), idOf(2)] })];
    expect(incomingAlerts(view(ROOM, outbox), 0)).toEqual([]);
  });
});

/** What the screen shows of one's own signal (besides its id). */
type ShownSignal = Pick<
  NonNullable<ReturnType<typeof lastOwnSignal>>,
  'kind' | 'status' | 'answer'
>;

describe('lastOwnSignal', () => {
  it('is null when this seat has sent nothing, logged or queued', () => {
    expect(lastOwnSignal(view(initialRoomState), 0)).toBeNull();
    const outbox = [queued(added('extra-a')), queued({ type: 'session_started' })];
    expect(lastOwnSignal(view(initialRoomState, outbox), 0)).toBeNull();
  });

  it('prefers the newest queued signal: sending until acknowledged, then sent', () => {
    const outbox = [
      queued({ type: 'signal', kind: 'pause' }, 7),
      queued({ type: 'signal', kind: 'slow_down' }),
      queued({ type: 'signal_seen', signalIds: [idOf(1)] }),
    ];
    expect(lastOwnSignal(view(ROOM, outbox), 0)).toMatchObject({
      id: outbox[1]?.eventId,
      kind: 'slow_down',
      status: 'sending',
      answer: null,
    });
    const acked = [
      queued({ type: 'signal', kind: 'pause' }, 7),
      queued({ type: 'signal', kind: 'slow_down' }, 8),
    ];
    expect(lastOwnSignal(view(ROOM, acked), 0)).toMatchObject({
      id: acked[1]?.eventId,
      kind: 'slow_down',
      status: 'sent',
      answer: null,
    });
  });

  it.each<[string, readonly (readonly [Seat, ContentEvent])[], ShownSignal]>([
    ['sent', [[0, signal('pause')]], { kind: 'pause', status: 'sent', answer: null }],
    [
      'delivered',
      [
        [0, signal('slow_down')],
        [1, delivered(1)],
      ],
      { kind: 'slow_down', status: 'delivered', answer: null },
    ],
    [
      'seen',
      [
        [0, signal('pause')],
        [1, seen(1)],
      ],
      { kind: 'pause', status: 'seen', answer: null },
    ],
    [
      'answered',
      [
        [0, signal('check_in')],
        [1, answer(1, 'slow_down')],
      ],
      { kind: 'check_in', status: 'answered', answer: 'slow_down' },
    ],
    [
      'the latest of several',
      [
        [0, signal('pause')],
        [1, seen(1)],
        [0, signal('check_in')],
        [1, signal('pause')],
      ],
      { kind: 'check_in', status: 'sent', answer: null },
    ],
  ])('otherwise the logged one, %s', (_, steps, expected) => {
    const room = foldLog(log(...steps));
    const latest = room.signals.findLast((s) => s.from === 0);
    expect(lastOwnSignal(view(room), 0)).toMatchObject({ ...expected, id: latest?.id });
  });

  it("does not report the partner's signal as one's own", () => {
    const room = foldLog(log([1, signal('pause')]));
    expect(lastOwnSignal(view(room), 0)).toBeNull();
    expect(lastOwnSignal(view(room), 1)).toMatchObject({
      id: idOf(1),
      kind: 'pause',
      status: 'sent',
      answer: null,
    });
  });
});

describe('displayedChecked', () => {
  const room = foldLog(log([1, added('extra-a')], [1, checked('wish-water')]));

  it('shows the log when nothing is queued for the item', () => {
    expect(displayedChecked(view(room), item(room, 'wish-water'))).toBe(true);
    expect(displayedChecked(view(room), item(room, 'extra-a'))).toBe(false);
  });

  it('prefers the latest queued tick for that item, acknowledged or not', () => {
    const outbox = [
      queued(checked('extra-a', true), 3),
      queued(checked('wish-water', false)),
      queued(checked('extra-a', false)),
      queued(checked('wish-snack', true)),
      queued(checked('extra-a', true)),
    ];
    expect(displayedChecked(view(room, outbox), item(room, 'extra-a'))).toBe(true);
    expect(displayedChecked(view(room, outbox), item(room, 'wish-water'))).toBe(false);
    expect(displayedChecked(view(room, outbox.slice(0, 3)), item(room, 'extra-a'))).toBe(false);
    // Ticks of other items do not leak.
    expect(displayedChecked(view(room, outbox), item(room, 'wish-rest'))).toBe(false);
  });
});

describe('queuedItems', () => {
  it('lists the items added here that the log does not hold yet, in order', () => {
    const outbox = [
      queued(added('extra-a', 'Tea')),
      queued({ type: 'signal', kind: 'pause' }),
      queued(checked('extra-a')),
      queued(added('extra-b', 'A walk', 'seat1'), 12),
    ];
    expect(queuedItems(view(initialRoomState, outbox))).toEqual([
      { id: 'extra-a', label: 'Tea' },
      { id: 'extra-b', label: 'A walk' },
    ]);
    expect(queuedItems(view(initialRoomState))).toEqual([]);
  });
});

describe('partnerOnline', () => {
  const presence = (online0: boolean, online1: boolean): Presence => ({
    seats: [
      { taken: true, online: online0, push: false },
      { taken: true, online: online1, push: false },
    ],
  });

  it("reads the other seat's liveness, and false before any presence is known", () => {
    expect(partnerOnline(view(initialRoomState), 0)).toBe(false);
    expect(partnerOnline(view(initialRoomState, [], presence(true, false)), 0)).toBe(false);
    expect(partnerOnline(view(initialRoomState, [], presence(true, false)), 1)).toBe(true);
    expect(partnerOnline(view(initialRoomState, [], presence(false, true)), 0)).toBe(true);
  });
});

describe('partnerJoined', () => {
  const taken = (taken1: boolean): Presence => ({
    seats: [
      { taken: true, online: true, push: false },
      { taken: taken1, online: taken1, push: false },
    ],
  });

  it.each([
    ['the server says they are in', initialRoomState, taken(true), true],
    [
      'the server says they are not, whatever the log',
      foldLog(log([1, started])),
      taken(false),
      false,
    ],
    ['no word from the server, nothing in the log', initialRoomState, null, null],
    ['no word, but they signalled', foldLog(log([1, signal('pause')])), null, true],
    ['no word, but they added an item', foldLog(log([1, added('x', 'Tea')])), null, true],
    ['no word, but a session was started', foldLog(log([0, started])), null, true],
    ['no word, only this seat signalled', foldLog(log([0, signal('pause')])), null, null],
  ] as const)('%s', (_, room, presence, expected) => {
    expect(partnerJoined(view(room, [], presence), 0)).toBe(expected);
  });
});

describe('sendWarning', () => {
  const ONLINE: Presence = {
    seats: [
      { taken: true, online: true, push: false },
      { taken: true, online: true, push: false },
    ],
  };
  const PARTNER_AWAY: Presence = {
    seats: [
      { taken: true, online: true, push: false },
      { taken: true, online: false, push: false },
    ],
  };
  const sentPause = foldLog(log([0, signal('pause')]));
  const deliveredPause = foldLog(log([0, signal('pause')], [1, delivered(1)]));
  const seenPause = foldLog(log([0, signal('pause')], [1, seen(1)]));
  const answeredCheckIn = foldLog(log([0, signal('check_in')], [1, answer(1, 'okay')]));
  const offline = (v: RoomView): RoomView => ({ ...v, connected: false, presence: null });

  it.each<[string, RoomView, boolean, ReturnType<typeof sendWarning>]>([
    ['nothing sent', view(initialRoomState, [], ONLINE), true, null],
    [
      'queued while this phone is offline',
      offline(view(initialRoomState, [queued(signal('pause'))])),
      false,
      'self_offline',
    ],
    [
      'sent, this phone offline: it cannot know about the partner',
      offline(view(sentPause)),
      false,
      'self_offline',
    ],
    ['sent, partner offline', view(sentPause, [], PARTNER_AWAY), false, 'partner_offline'],
    ['sent, both online, not yet overdue', view(sentPause, [], ONLINE), false, null],
    ['sent, both online, overdue', view(sentPause, [], ONLINE), true, 'not_seen'],
    [
      'delivered, partner now offline: it reached them',
      view(deliveredPause, [], PARTNER_AWAY),
      false,
      null,
    ],
    ['delivered and overdue', view(deliveredPause, [], ONLINE), true, 'not_seen'],
    ['seen, however late', view(seenPause, [], PARTNER_AWAY), true, null],
    ['answered, however late', view(answeredCheckIn, [], ONLINE), true, null],
  ])('%s', (_name, shown, overdue, expected) => {
    expect(sendWarning(shown, 0, overdue)).toBe(expected);
  });
});
