import { LIMITS } from '../../../shared/limits.ts';
import { fixedEventId } from '../../support/ids.ts';

/**
 * Aftercare-arc content events the schema must refuse, one reason per row, for the reject table
 * of content.test.ts. Each row changes one thing in an otherwise valid event, so a row that
 * passes proves exactly that reason is checked.
 */

export interface RejectRow {
  readonly name: string;
  readonly input: unknown;
}

const A = fixedEventId(1);
const KEY = 'k'.repeat(43);
const SEALED = 'c2VhbGVk';

const wishes = (fields: Record<string, unknown>) => ({
  type: 'wishes_shared',
  wishes: ['water'],
  own: ['A walk'],
  afterwards: 'space',
  ...fields,
});
const ownWishes = (n: number) => Array.from({ length: n }, (_, i) => `Wish ${String(i)}`);

const roundAnswer = (fields: Record<string, unknown>) => ({
  type: 'check_in_round_answer',
  round: 1,
  answer: 'okay',
  ...fields,
});

const followUpAnswer = (fields: Record<string, unknown>) => ({
  type: 'follow_up_answer',
  covers: [{ type: 'scheduled', point: 'day1' }],
  mood: 'okay',
  note: '',
  ...fields,
});
const scheduled = (point: string) => ({ type: 'scheduled', point });

const row = (name: string, input: unknown): RejectRow => ({ name, input });

/** The valid events the rows above start from: the controls that show only the change fails. */
export const ARC_REJECT_CONTROLS: readonly unknown[] = [
  wishes({}),
  { type: 'regular_check_ins_set', everyMinutes: 10 },
  { type: 'check_in_round_due', round: 1 },
  roundAnswer({}),
  { type: 'reflection_shared', sealed: `${SEALED}_${SEALED}` },
  { type: 'reflection_revealed', key: KEY },
  { type: 'follow_up_set', first: 'day1', alsoLater: false },
  { type: 'follow_up_asked' },
  followUpAnswer({ covers: [scheduled('day1'), { type: 'asked', askId: A }] }),
];

export const ARC_REJECT: readonly RejectRow[] = [
  // ---- wishes_shared ----
  row('wishes: a catalogue wish twice', wishes({ wishes: ['water', 'hug', 'water'] })),
  row('wishes: an unknown wish id', wishes({ wishes: ['water', 'massage'] })),
  row('wishes: a wish id in another case', wishes({ wishes: ['Water'] })),
  row('wishes: a plan item id instead of a wish id', wishes({ wishes: ['wish-water'] })),
  row('wishes: wishes as a bare id', wishes({ wishes: 'water' })),
  row('wishes: wishes missing', { type: 'wishes_shared', own: [], afterwards: null }),
  row(
    `wishes: ${String(LIMITS.maxOwnWishes + 1)} own wishes`,
    wishes({ own: ownWishes(LIMITS.maxOwnWishes + 1) }),
  ),
  row('wishes: own words twice', wishes({ own: ['A walk', 'A walk'] })),
  row('wishes: own words twice in another case', wishes({ own: ['Tea', 'TEA'] })),
  row('wishes: own words twice once trimmed', wishes({ own: ['Tea', '  tea '] })),
  // The plan merges own words by ownWishKey (shared/wishes.ts): the schema must call the same
  // words the same, or one share would hold two wishes the plan turns into one item.
  row('wishes: own words twice apart from inner spacing', wishes({ own: ['a walk', 'a  walk'] })),
  row('wishes: own words twice apart from case', wishes({ own: ['A walk', 'a walk'] })),
  row(
    'wishes: own words twice apart from a no-break space',
    wishes({ own: ['a walk', 'a\u00a0walk'] }),
  ),
  row('wishes: empty own words', wishes({ own: [''] })),
  row('wishes: blank own words', wishes({ own: ['   '] })),
  row('wishes: own words with a newline', wishes({ own: ['Tea\nand toast'] })),
  row('wishes: own words with NUL', wishes({ own: ['Tea\u0000'] })),
  row('wishes: own words with ESC', wishes({ own: ['\u001b[31mTea'] })),
  row('wishes: own words with a C1 control (NEL)', wishes({ own: ['Tea\u0085'] })),
  row(
    `wishes: own words of ${String(LIMITS.maxItemLabelChars + 1)} chars`,
    wishes({ own: ['a'.repeat(LIMITS.maxItemLabelChars + 1)] }),
  ),
  row('wishes: own words as a number', wishes({ own: [7] })),
  row('wishes: an unknown afterwards', wishes({ afterwards: 'alone' })),
  row('wishes: afterwards in another case', wishes({ afterwards: 'Space' })),
  row('wishes: afterwards missing (null says "not chosen")', {
    type: 'wishes_shared',
    wishes: [],
    own: [],
  }),
  row('wishes: an extra key', wishes({ sharedAt: 1 })),

  // ---- regular_check_ins_set ----
  ...[7, 5, 60, -10, 10.5, '10', null].map((everyMinutes) =>
    row(`interval ${JSON.stringify(everyMinutes)}`, {
      type: 'regular_check_ins_set',
      everyMinutes,
    }),
  ),
  row('interval missing', { type: 'regular_check_ins_set' }),
  row('interval with an extra key', {
    type: 'regular_check_ins_set',
    everyMinutes: 10,
    setAt: 1,
  }),

  // ---- check_in_round_due / check_in_round_answer ----
  ...[0, -1, 1.5, 10_001, '1', null].map((round) =>
    row(`round due ${JSON.stringify(round)}`, { type: 'check_in_round_due', round }),
  ),
  row('round due missing its round', { type: 'check_in_round_due' }),
  row('round due with an extra key', { type: 'check_in_round_due', round: 1, dueAt: 5 }),
  row('round answer to round 0', roundAnswer({ round: 0 })),
  row('round answer to a fractional round', roundAnswer({ round: 2.5 })),
  row('round answer with an unknown answer', roundAnswer({ answer: 'fine' })),
  row('round answer with a signal kind', roundAnswer({ answer: 'check_in' })),
  row('round answer missing its answer', { type: 'check_in_round_answer', round: 1 }),
  row('round answer with an extra key', roundAnswer({ seat: 1 })),

  // ---- reflection_shared / reflection_revealed ----
  row('reflection: empty sealed', { type: 'reflection_shared', sealed: '' }),
  row(`reflection: sealed of ${String(LIMITS.maxSealedReflectionChars + 1)} chars`, {
    type: 'reflection_shared',
    sealed: 'A'.repeat(LIMITS.maxSealedReflectionChars + 1),
  }),
  ...['+', '/', '=', ' ', '.', 'é', '\n'].map((bad) =>
    row(`reflection: sealed with ${JSON.stringify(bad)}`, {
      type: 'reflection_shared',
      sealed: `${SEALED}${bad}${SEALED}`,
    }),
  ),
  row('reflection: sealed as an object', { type: 'reflection_shared', sealed: { good: 'x' } }),
  row('reflection: the answers in plaintext next to the sealed', {
    type: 'reflection_shared',
    sealed: SEALED,
    good: 'Slow start',
  }),
  row('reflection: answers instead of sealed', {
    type: 'reflection_shared',
    good: 'Slow start',
    change: 'More water',
  }),
  row('reveal: a key of 42 chars', { type: 'reflection_revealed', key: KEY.slice(1) }),
  row('reveal: a key of 44 chars', { type: 'reflection_revealed', key: `${KEY}k` }),
  row('reveal: a key with +', { type: 'reflection_revealed', key: `${KEY.slice(1)}+` }),
  row('reveal: a key with padding', { type: 'reflection_revealed', key: `${KEY.slice(1)}=` }),
  row('reveal: an empty key', { type: 'reflection_revealed', key: '' }),
  row('reveal: missing its key', { type: 'reflection_revealed' }),
  row('reveal: with an extra key', { type: 'reflection_revealed', key: KEY, seat: 0 }),

  // ---- follow_up_set / follow_up_asked ----
  ...['week', 'day3', 'day7', 'Day1', '', null].map((first) =>
    row(`follow-up set: first ${JSON.stringify(first)}`, {
      type: 'follow_up_set',
      first,
      alsoLater: false,
    }),
  ),
  row('follow-up set: alsoLater as a string', {
    type: 'follow_up_set',
    first: 'day1',
    alsoLater: 'yes',
  }),
  row('follow-up set: alsoLater missing', { type: 'follow_up_set', first: 'day1' }),
  row('follow-up set: with an extra key', {
    type: 'follow_up_set',
    first: 'day1',
    alsoLater: false,
    until: 5,
  }),
  row('follow-up asked: with an extra key', { type: 'follow_up_asked', askId: A }),
  row('follow-up asked: carrying words', { type: 'follow_up_asked', note: 'How are you?' }),

  // ---- follow_up_answer ----
  row('follow-up answer: empty covers', followUpAnswer({ covers: [] })),
  row(
    `follow-up answer: ${String(LIMITS.maxFollowUpCovers + 1)} covers`,
    followUpAnswer({
      covers: Array.from({ length: LIMITS.maxFollowUpCovers + 1 }, () => scheduled('day1')),
    }),
  ),
  row('follow-up answer: covers as one ref', followUpAnswer({ covers: scheduled('day1') })),
  row('follow-up answer: an unknown point', followUpAnswer({ covers: [scheduled('day5')] })),
  row('follow-up answer: "off" as a point', followUpAnswer({ covers: [scheduled('off')] })),
  row(
    'follow-up answer: an ask with a bad id',
    followUpAnswer({ covers: [{ type: 'asked', askId: 'nope' }] }),
  ),
  row('follow-up answer: an ask without its id', followUpAnswer({ covers: [{ type: 'asked' }] })),
  row(
    'follow-up answer: a ref of an unknown type',
    followUpAnswer({ covers: [{ type: 'signal', point: 'day1' }] }),
  ),
  row(
    'follow-up answer: a ref with an extra key',
    followUpAnswer({ covers: [{ type: 'scheduled', point: 'day1', askId: A }] }),
  ),
  row('follow-up answer: an unknown mood', followUpAnswer({ mood: 'fine' })),
  row('follow-up answer: a mood in another case', followUpAnswer({ mood: 'Okay' })),
  row('follow-up answer: missing its mood', {
    type: 'follow_up_answer',
    covers: [scheduled('day1')],
    note: '',
  }),
  row(
    `follow-up answer: a note of ${String(LIMITS.maxFollowUpNoteChars + 1)} chars`,
    followUpAnswer({ note: 'a'.repeat(LIMITS.maxFollowUpNoteChars + 1) }),
  ),
  row(
    `follow-up answer: a note of ${String(LIMITS.maxFollowUpNoteChars + 1)} emoji`,
    followUpAnswer({ note: '🍵'.repeat(LIMITS.maxFollowUpNoteChars + 1) }),
  ),
  row('follow-up answer: a note with a newline', followUpAnswer({ note: 'Fine\nthanks' })),
  row('follow-up answer: a note with NUL', followUpAnswer({ note: 'Fine\u0000' })),
  row('follow-up answer: a note with DEL', followUpAnswer({ note: 'Fi\u007fne' })),
  row('follow-up answer: a null note (no note is "")', followUpAnswer({ note: null })),
  row('follow-up answer: missing its note', {
    type: 'follow_up_answer',
    covers: [scheduled('day1')],
    mood: 'okay',
  }),
  row('follow-up answer: with an extra key', followUpAnswer({ answeredAt: 5 })),
];
