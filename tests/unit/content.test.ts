import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContentEvent,
  ItemAudience,
  ItemId,
  ItemLabel,
  isUrgent,
  seatAudience,
} from '../../shared/content.ts';
import type { ContentEventType } from '../../shared/content.ts';
import { DEFAULT_PLAN } from '../../shared/default-plan.ts';
import { LIMITS } from '../../shared/limits.ts';
import { CHECK_IN_INTERVALS, FOLLOW_UP_FIRST } from '../../shared/schedule.ts';
import { CHECK_IN_ANSWERS, SIGNAL_KINDS } from '../../shared/signals.ts';
import { WISH_IDS, ownWishKey } from '../../shared/wishes.ts';
import { arbContentEvent } from './support/arbitraries.ts';
import { ARC_REJECT, ARC_REJECT_CONTROLS } from './support/arc-rejects.ts';
import { fixedEventId } from '../support/ids.ts';

const A = fixedEventId(1);
const B = fixedEventId(2);
const ids = (n: number) => Array.from({ length: n }, (_, i) => fixedEventId(i));

/** One valid example of every content event type. */
const VALID: Record<ContentEventType, readonly ContentEvent[]> = {
  signal: SIGNAL_KINDS.map((kind) => ({ type: 'signal', kind })),
  signal_delivered: [{ type: 'signal_delivered', signalId: A }],
  signal_seen: [
    { type: 'signal_seen', signalIds: [A] },
    { type: 'signal_seen', signalIds: [A, B, A] },
    { type: 'signal_seen', signalIds: ids(LIMITS.maxSeenBatch) },
  ],
  check_in_answer: CHECK_IN_ANSWERS.map((answer) => ({
    type: 'check_in_answer',
    signalId: A,
    answer,
  })),
  session_started: [{ type: 'session_started' }],
  session_ended: [{ type: 'session_ended' }],
  checklist_item_added: [
    { type: 'checklist_item_added', itemId: 'x', label: 'Tea', audience: 'both' },
    { type: 'checklist_item_added', itemId: 'wish-water', label: 'Water', audience: 'seat0' },
    {
      type: 'checklist_item_added',
      itemId: 'A'.repeat(40),
      label: 'é'.repeat(LIMITS.maxItemLabelChars),
      audience: 'seat1',
    },
    { type: 'checklist_item_added', itemId: 'a_b-C9', label: 'Tea 🍵 / quiet', audience: 'both' },
    // Labels are measured in code points: 80 emoji are 160 UTF-16 units and still fit.
    {
      type: 'checklist_item_added',
      itemId: 'emoji',
      label: '🍵'.repeat(LIMITS.maxItemLabelChars),
      audience: 'both',
    },
  ],
  checklist_item_checked: [
    { type: 'checklist_item_checked', itemId: 'wish-water', checked: true },
    { type: 'checklist_item_checked', itemId: 'x', checked: false },
  ],
  wishes_shared: [
    { type: 'wishes_shared', wishes: [], own: [], afterwards: null },
    { type: 'wishes_shared', wishes: [...WISH_IDS], own: ['A walk'], afterwards: 'space' },
    {
      type: 'wishes_shared',
      wishes: ['water', 'hug'],
      own: Array.from({ length: LIMITS.maxOwnWishes }, (_, i) => `Wish ${String(i)}`),
      afterwards: 'either',
    },
  ],
  regular_check_ins_set: CHECK_IN_INTERVALS.map((everyMinutes) => ({
    type: 'regular_check_ins_set',
    everyMinutes,
  })),
  check_in_round_due: [{ type: 'check_in_round_due', round: 1 }],
  check_in_round_answer: CHECK_IN_ANSWERS.map((answer) => ({
    type: 'check_in_round_answer',
    round: 2,
    answer,
  })),
  reflection_shared: [
    { type: 'reflection_shared', sealed: 'A'.repeat(LIMITS.maxSealedReflectionChars) },
  ],
  reflection_revealed: [{ type: 'reflection_revealed', key: 'k'.repeat(43) }],
  follow_up_set: FOLLOW_UP_FIRST.map((first) => ({
    type: 'follow_up_set',
    first,
    alsoLater: first === 'day1',
  })),
  follow_up_asked: [{ type: 'follow_up_asked' }],
  follow_up_answer: [
    {
      type: 'follow_up_answer',
      covers: [{ type: 'scheduled', point: 'day1' }],
      mood: 'okay',
      note: '',
    },
    {
      type: 'follow_up_answer',
      covers: [
        { type: 'scheduled', point: 'day7' },
        { type: 'asked', askId: A },
      ],
      mood: 'care',
      note: 'é'.repeat(LIMITS.maxFollowUpNoteChars),
    },
  ],
  test_alert: [{ type: 'test_alert' }],
  test_alert_seen: [{ type: 'test_alert_seen', ref: A }],
};

const validCases = Object.values(VALID)
  .flat()
  .map((event) => ({ name: JSON.stringify(event).slice(0, 90), event }));

describe('ContentEvent accepts', () => {
  it('has an example for every event type, each filed under its own type', () => {
    for (const [type, examples] of Object.entries(VALID)) {
      expect(examples.length).toBeGreaterThan(0);
      for (const event of examples) expect(event.type).toBe(type);
    }
  });

  it.each(validCases)('$name', ({ event }) => {
    const parsed = ContentEvent.safeParse(event);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(event);
  });

  it('accepts (unchanged) every event the test arbitrary produces', () => {
    fc.assert(
      fc.property(arbContentEvent, (event) => {
        expect(ContentEvent.parse(event)).toEqual(event);
      }),
    );
  });
});

const REJECT: readonly { name: string; input: unknown }[] = [
  // Not an event at all.
  { name: 'null', input: null },
  { name: 'a string', input: 'signal' },
  { name: 'an array', input: [{ type: 'signal', kind: 'pause' }] },
  { name: 'no type', input: { kind: 'pause' } },
  { name: 'unknown type', input: { type: 'signal_sent', kind: 'pause' } },
  { name: 'type in another case', input: { type: 'Signal', kind: 'pause' } },
  // Extra keys (every variant is a strictObject).
  { name: 'signal with extra key', input: { type: 'signal', kind: 'pause', note: 'hi' } },
  { name: 'session_started with extra key', input: { type: 'session_started', at: 1 } },
  { name: 'session_ended with extra key', input: { type: 'session_ended', by: 0 } },
  {
    name: 'signal_delivered with extra key',
    input: { type: 'signal_delivered', signalId: A, seat: 1 },
  },
  {
    name: 'checklist_item_checked with extra key',
    input: { type: 'checklist_item_checked', itemId: 'x', checked: true, by: 0 },
  },
  // Fields of another variant.
  { name: 'signal carrying signalId', input: { type: 'signal', kind: 'pause', signalId: A } },
  // Bad enums.
  { name: 'unknown signal kind', input: { type: 'signal', kind: 'stop' } },
  { name: 'signal kind in another case', input: { type: 'signal', kind: 'Pause' } },
  { name: 'missing signal kind', input: { type: 'signal' } },
  {
    name: 'unknown check-in answer',
    input: { type: 'check_in_answer', signalId: A, answer: 'check_in' },
  },
  { name: 'missing answer', input: { type: 'check_in_answer', signalId: A } },
  {
    name: 'unknown audience',
    input: { type: 'checklist_item_added', itemId: 'x', label: 'Tea', audience: 'seat2' },
  },
  {
    name: 'missing audience',
    input: { type: 'checklist_item_added', itemId: 'x', label: 'Tea' },
  },
  // Bad event ids: exactly 22 base64url characters.
  { name: 'signalId of 21 chars', input: { type: 'signal_delivered', signalId: A.slice(1) } },
  { name: 'signalId of 23 chars', input: { type: 'signal_delivered', signalId: `${A}x` } },
  {
    name: 'signalId with +',
    input: { type: 'signal_delivered', signalId: `${A.slice(1)}+` },
  },
  {
    name: 'signalId with /',
    input: { type: 'signal_delivered', signalId: `${A.slice(1)}/` },
  },
  {
    name: 'signalId with padding',
    input: { type: 'signal_delivered', signalId: `${A.slice(2)}==` },
  },
  { name: 'empty signalId', input: { type: 'signal_delivered', signalId: '' } },
  { name: 'numeric signalId', input: { type: 'signal_delivered', signalId: 12 } },
  {
    name: 'answer with a bad signalId',
    input: { type: 'check_in_answer', signalId: 'nope', answer: 'okay' },
  },
  {
    name: 'seen with one bad id among good ones',
    input: { type: 'signal_seen', signalIds: [A, 'nope', B] },
  },
  // signal_seen batch size.
  { name: 'seen with no ids', input: { type: 'signal_seen', signalIds: [] } },
  {
    name: 'seen with too many ids',
    input: { type: 'signal_seen', signalIds: ids(LIMITS.maxSeenBatch + 1) },
  },
  { name: 'seen with a bare id', input: { type: 'signal_seen', signalIds: A } },
  // Item ids.
  {
    name: 'empty item id',
    input: { type: 'checklist_item_checked', itemId: '', checked: true },
  },
  {
    name: 'item id of 41 chars',
    input: { type: 'checklist_item_checked', itemId: 'a'.repeat(41), checked: true },
  },
  {
    name: 'item id with a space',
    input: { type: 'checklist_item_checked', itemId: 'a b', checked: true },
  },
  {
    name: 'item id with a dot',
    input: { type: 'checklist_item_added', itemId: 'a.b', label: 'Tea', audience: 'both' },
  },
  // checked must be a boolean.
  {
    name: 'checked as a string',
    input: { type: 'checklist_item_checked', itemId: 'x', checked: 'true' },
  },
  { name: 'checked missing', input: { type: 'checklist_item_checked', itemId: 'x' } },
  // Labels: empty, blank, oversized, control characters, not a string.
  ...[
    ['empty label', ''],
    ['blank label', '   '],
    ['tab-only label', '\t\t'],
    ['label of 81 chars', 'a'.repeat(LIMITS.maxItemLabelChars + 1)],
    ['label of 81 emoji (zod counts code points)', '🍵'.repeat(LIMITS.maxItemLabelChars + 1)],
    ['label with an inner newline', 'Tea\nand toast'],
    ['label with an inner tab', 'Tea\tand toast'],
    ['label with NUL', 'Tea\u0000'],
    ['label with DEL', 'Te\u007fa'],
    ['label with a C1 control (NEL)', 'Tea\u0085'],
    ['label with ESC', '\u001b[31mTea'],
    ['label as a number', 42],
  ].map(([name, label]) => ({
    name: String(name),
    input: { type: 'checklist_item_added', itemId: 'x', label, audience: 'both' },
  })),
  // The ready check: a test alert carries nothing; its "Got it" names one test.
  { name: 'test alert carrying a kind', input: { type: 'test_alert', kind: 'pause' } },
  { name: 'test alert carrying words', input: { type: 'test_alert', note: 'Test' } },
  { name: 'test seen without ref', input: { type: 'test_alert_seen' } },
  { name: 'test seen with a bad ref', input: { type: 'test_alert_seen', ref: 'nope' } },
  { name: 'test seen with refs', input: { type: 'test_alert_seen', ref: [A] } },
  {
    name: 'test seen carrying readiness',
    input: { type: 'test_alert_seen', ref: A, sound: true },
  },
  // The aftercare arc: wishes, regular rounds, reflection, follow-up.
  ...ARC_REJECT,
];

describe('ContentEvent rejects', () => {
  it.each(REJECT)('$name', ({ input }) => {
    expect(ContentEvent.safeParse(input).success).toBe(false);
  });

  it('the arc rows start from valid events (controls), one for every arc event type', () => {
    for (const control of ARC_REJECT_CONTROLS) {
      expect(ContentEvent.safeParse(control).success, JSON.stringify(control)).toBe(true);
    }
    const typeOf = (input: unknown) => (input as { type: ContentEventType }).type;
    const arcTypes = new Set(ARC_REJECT_CONTROLS.map(typeOf));
    expect(new Set(ARC_REJECT.map((row) => typeOf(row.input)))).toEqual(arcTypes);
    expect(arcTypes.size).toBe(9);
  });

  it('rejects any valid event with an extra key', () => {
    fc.assert(
      fc.property(
        arbContentEvent,
        fc.string({ minLength: 1 }).filter((key) => !['type', '__proto__'].includes(key)),
        fc.jsonValue(),
        (event, key, value) => {
          fc.pre(!Object.hasOwn(event, key));
          expect(ContentEvent.safeParse({ ...event, [key]: value }).success).toBe(false);
        },
      ),
    );
  });
});

describe('wishes_shared own words', () => {
  /** Short words from letters in two cases and three kinds of space: repeats are likely. */
  const words = fc.string({
    unit: fc.constantFrom('a', 'A', 'b', ' ', '\u00a0', '\u3000'),
    minLength: 1,
    maxLength: 5,
  });

  it('are accepted exactly when each is there and no two are the same wish to the plan', () => {
    fc.assert(
      fc.property(fc.array(words, { maxLength: 4 }), (own) => {
        const event = { type: 'wishes_shared', wishes: [], own, afterwards: null };
        const keys = own.map(ownWishKey);
        const expected = keys.every((key) => key !== '') && new Set(keys).size === keys.length;
        expect(ContentEvent.safeParse(event).success).toBe(expected);
      }),
    );
  });
});

describe('ItemLabel', () => {
  it.each([
    ['  Tea  ', 'Tea'],
    ['\tTea\n', 'Tea'],
    ['\u00a0Tea\u3000', 'Tea'],
    [` ${'a'.repeat(LIMITS.maxItemLabelChars)} `, 'a'.repeat(LIMITS.maxItemLabelChars)],
    ['Water, then rest', 'Water, then rest'],
  ])('normalises %j to %j (trimmed before the length check)', (input, output) => {
    expect(ItemLabel.parse(input)).toBe(output);
  });
});

describe('ItemId', () => {
  it.each(['a', 'wish-water', 'A_b-9', 'z'.repeat(40)])('accepts %j', (id) => {
    expect(ItemId.safeParse(id).success).toBe(true);
  });
  it.each(['', 'z'.repeat(41), 'a/b', 'a b', 'é', 'a\n'])('rejects %j', (id) => {
    expect(ItemId.safeParse(id).success).toBe(false);
  });
});

describe('default plan items', () => {
  it.each(DEFAULT_PLAN)('$id is a valid item id', (item) => {
    expect(ItemId.safeParse(item.id).success).toBe(true);
  });
});

describe('isUrgent', () => {
  it.each(validCases)('$name', ({ event }) => {
    expect(isUrgent(event)).toBe(
      event.type === 'signal' || event.type === 'test_alert' || event.type === 'follow_up_asked',
    );
  });
});

describe('seatAudience', () => {
  it.each([
    [0, 'seat0'],
    [1, 'seat1'],
  ] as const)('seat %d is audience %s', (seat, audience) => {
    expect(seatAudience(seat)).toBe(audience);
    expect(ItemAudience.safeParse(seatAudience(seat)).success).toBe(true);
  });
});
