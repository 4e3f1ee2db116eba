import { describe, expect, it } from 'vitest';
import type { ContentEvent } from '../../shared/content.ts';
import {
  followUpsAwaiting,
  lastFollowUpDueAt,
  ownAsksOpen,
  partnerFollowUpAnswers,
} from '../../shared/follow-up.ts';
import { DEFAULT_PLAN } from '../../shared/default-plan.ts';
import { planProgress, spaceAskedBy } from '../../shared/plan.ts';
import type { ChecklistItem, RoomState } from '../../shared/reducer.ts';
import { partnerReflectionReadable, shouldRevealOwn } from '../../shared/reflection.ts';
import {
  nextRoundDueAt,
  partnerRoundStatus,
  roundAwaiting,
} from '../../shared/regular-check-ins.ts';
import { FOLLOW_UP_DELAY_MS, UNANSWERED_AFTER_MS } from '../../shared/schedule.ts';
import { bytesOnDisk } from '../support/temp-sqlite.ts';
import { itemText } from '../support/item-text.ts';
import { expectOk, waitFor } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';
import { openReflection, sealReflection } from './support/sealed-reflection.ts';
import { STORE_KINDS } from './support/stores.ts';

// Words only the partners write: the server must never hold any of them.
const OWN_A = 'Quokka blanket 9931';
const OWN_B_SAME = 'quokka  BLANKET 9931';
const OWN_A_ONLY = 'Marmalade walk 5520';
const OWN_B_ONLY = 'Lavender tea 4417';
const GOOD = 'Zephyr-slow-start-2290';
const CHANGE = 'Obsidian-more-water-7713';
const NOTE = 'Nimbus-tired-but-fine-6018';

const MIN = 60_000;
const plan = (state: RoomState) =>
  state.checklist.map((i: ChecklistItem) => [itemText(i), i.audience, i.checked]);

describe.each(STORE_KINDS)('the aftercare arc through the server, on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  it('wishes, regular check-ins, the plan, ticks, reflections and the follow-up reach both phones alike, and the server sees none of it', async () => {
    const { server, a, b } = await harness.pair({ captureLogs: true });
    let lastSeq = 0;
    const send = async (from: Partner, event: ContentEvent) => {
      const sent = await from.sendOk(event);
      lastSeq = Math.max(lastSeq, sent.seq);
      return sent;
    };
    /** Both phones hold the whole log so far and fold it to one and the same room. */
    const bothHold = async (): Promise<RoomState> => {
      await Promise.all([a.holdsUpTo(lastSeq), b.holdsUpTo(lastSeq)]);
      const [stateA, stateB] = await Promise.all([a.state(), b.state()]);
      expect(stateB).toEqual(stateA);
      expect(stateA.lastSeq).toBe(lastSeq);
      return stateA;
    };

    // ---- Before: wishes (A changes hers and shares again), the interval, the start. ----
    await send(a, { type: 'wishes_shared', wishes: ['quiet'], own: [], afterwards: 'space' });
    await Promise.all([
      send(a, {
        type: 'wishes_shared',
        wishes: ['water', 'shower', 'hug'],
        own: [OWN_A, OWN_A_ONLY],
        afterwards: 'company',
      }),
      send(b, {
        type: 'wishes_shared',
        wishes: ['shower', 'alone'],
        own: [OWN_B_SAME, OWN_B_ONLY],
        afterwards: 'space',
      }),
      send(b, { type: 'regular_check_ins_set', everyMinutes: 10 }),
    ]);
    await send(a, { type: 'session_started' });
    let room = await bothHold();
    expect(room.wishes[0]?.wishes).toEqual(['water', 'shower', 'hug']);
    // Wishes shared before the end leave the checklist as every plan starts.
    expect(room.checklist).toEqual(DEFAULT_PLAN);
    const dueAt = nextRoundDueAt(room);
    expect(dueAt).toBe((room.session.startedAt ?? 0) + 10 * MIN);

    // ---- During: the interval is up on both phones at once: one round on both. ----
    server.clock.advance(10 * MIN);
    await Promise.all([
      send(a, { type: 'check_in_round_due', round: 1 }),
      send(b, { type: 'check_in_round_due', round: 1 }),
    ]);
    room = await bothHold();
    expect(room.regularCheckIns.rounds).toHaveLength(1);
    expect(room.regularCheckIns.rounds[0]?.dueAt).toBe(server.clock.now());
    expect([roundAwaiting(room, 0)?.round, roundAwaiting(room, 1)?.round]).toEqual([1, 1]);

    await send(a, { type: 'check_in_round_answer', round: 1, answer: 'okay' });
    server.clock.advance(UNANSWERED_AFTER_MS);
    room = await bothHold();
    expect(partnerRoundStatus(room, 0, server.clock.now())).toEqual({
      kind: 'unanswered',
      round: 1,
    });
    expect(partnerRoundStatus(room, 1, server.clock.now())).toEqual({
      kind: 'answered',
      round: 1,
      answer: 'okay',
    });
    // B answers "Slow down": the round, and the signal that alerts A in full (urgent).
    const alert = waitFor(a.socket, 'envelope', (e) => e.seat === 1 && e.notify);
    await send(b, { type: 'check_in_round_answer', round: 1, answer: 'slow_down' });
    const signal = await send(b, { type: 'signal', kind: 'slow_down' });
    expect((await alert).eventId).toBe(signal.eventId);
    room = await bothHold();
    expect(partnerRoundStatus(room, 0, server.clock.now())).toEqual({
      kind: 'answered',
      round: 1,
      answer: 'slow_down',
    });

    // ---- After: one plan on both phones with both partners' items. ----
    await send(b, { type: 'session_ended' });
    room = await bothHold();
    expect(plan(room)).toEqual([
      ['water', 'seat0', false],
      ['snack', 'both', false],
      ['warmth', 'both', false],
      ['rest', 'both', false],
      ['marks', 'both', false],
      ['hug', 'seat0', false],
      ['talk', 'both', false],
      ['quiet', 'both', false],
      ['shower', 'both', false],
      ['alone', 'seat1', false],
      [OWN_A, 'both', false],
      [OWN_A_ONLY, 'seat0', false],
      [OWN_B_ONLY, 'seat1', false],
    ]);
    expect(spaceAskedBy(room)).toEqual([1]);

    // Ticks and unticks from both phones at once converge: the last in log order wins.
    const taps: [Partner, string, boolean][] = [
      [a, 'wish-shower', true],
      [b, 'wish-shower', false],
      [b, 'own-1', true],
      [a, 'wish-water', true],
      [a, 'own-1', false],
      [b, 'wish-shower', true],
    ];
    const tapped = await Promise.all(
      taps.map(([from, itemId, checked]) =>
        send(from, { type: 'checklist_item_checked', itemId, checked }),
      ),
    );
    room = await bothHold();
    for (const itemId of ['wish-shower', 'own-1', 'wish-water']) {
      const last = taps
        .map((tap, i) => ({ tap, seq: tapped[i]?.seq ?? 0 }))
        .filter(({ tap }) => tap[1] === itemId)
        .sort((x, y) => y.seq - x.seq)[0];
      const expected = last?.tap[2] ?? false;
      expect(room.checklist.find((i) => i.id === itemId)).toMatchObject({
        checked: expected,
        checkedBy: expected ? (last?.tap[0] === a ? 0 : 1) : null,
      });
    }
    // A share after the end adds to the plan and takes nothing away.
    const ticked = planProgress(room);
    await send(a, { type: 'wishes_shared', wishes: ['stay_close'], own: [], afterwards: null });
    room = await bothHold();
    expect(planProgress(room)).toEqual({ done: ticked.done, total: ticked.total + 1 });
    expect(plan(room).at(-1)).toEqual(['stay_close', 'seat0', false]);

    // ---- Reflection: not readable by the partner until both shared and revealed. ----
    const mine = await sealReflection({ good: GOOD, change: CHANGE });
    const theirs = await sealReflection({ good: 'Calm', change: '' });
    await send(a, { type: 'reflection_shared', sealed: mine.sealed });
    room = await bothHold();
    expect([partnerReflectionReadable(room, 1), shouldRevealOwn(room, 0)]).toEqual([null, false]);
    await send(b, { type: 'reflection_shared', sealed: theirs.sealed });
    room = await bothHold();
    expect([shouldRevealOwn(room, 0), shouldRevealOwn(room, 1)]).toEqual([true, true]);
    expect([partnerReflectionReadable(room, 0), partnerReflectionReadable(room, 1)]).toEqual([
      null,
      null,
    ]);
    await Promise.all([
      send(a, { type: 'reflection_revealed', key: mine.key }),
      send(b, { type: 'reflection_revealed', key: theirs.key }),
    ]);
    room = await bothHold();
    const readByB = partnerReflectionReadable(room, 1);
    const readByA = partnerReflectionReadable(room, 0);
    expect(await openReflection(readByB?.sealed ?? '', readByB?.key ?? '')).toEqual({
      good: GOOD,
      change: CHANGE,
    });
    expect(await openReflection(readByA?.sealed ?? '', readByA?.key ?? '')).toEqual({
      good: 'Calm',
      change: '',
    });

    // ---- The follow-up: a few hours, then day 3 and day 7; a question; one answer to both. ----
    await send(b, { type: 'follow_up_set', first: 'hours', alsoLater: true });
    const question = waitFor(b.socket, 'envelope', (e) => e.seat === 0);
    const asked = await send(a, { type: 'follow_up_asked' });
    expect((await question).notify).toBe(true);
    room = await bothHold();
    const endedAt = room.session.endedAt ?? 0;
    expect(lastFollowUpDueAt(room)).toBe(endedAt + FOLLOW_UP_DELAY_MS.day7);
    const inFourHours = endedAt + FOLLOW_UP_DELAY_MS.hours;
    const waiting = followUpsAwaiting(room, 1, inFourHours);
    expect(waiting).toEqual([
      { type: 'scheduled', point: 'hours' },
      { type: 'asked', askId: asked.eventId },
    ]);
    await send(b, { type: 'follow_up_answer', covers: waiting, mood: 'low', note: NOTE });
    room = await bothHold();
    expect(partnerFollowUpAnswers(room, 0).map((x) => [x.mood, x.note])).toEqual([['low', NOTE]]);
    expect(ownAsksOpen(room, 0)).toEqual([]);
    expect(followUpsAwaiting(room, 1, inFourHours)).toEqual([]);
    expect(followUpsAwaiting(room, 0, inFourHours)).toEqual([
      { type: 'scheduled', point: 'hours' },
    ]);

    // ---- The server is blind: none of it is in its store, its file or its logs. ----
    const forbidden = [
      OWN_A,
      'Quokka',
      'quokka',
      OWN_A_ONLY,
      'Marmalade',
      OWN_B_ONLY,
      'Lavender',
      GOOD,
      CHANGE,
      NOTE,
      'Nimbus',
      'wishes',
      'stay_close',
      'shower',
      'alone',
      'space',
      'regular',
      'round',
      'reflection',
      'follow_up',
      'scheduled',
      'company',
      'slow_down',
      'checklist',
      mine.sealed,
      mine.key,
      theirs.key,
      'asked',
    ];
    const dump = server.store.dumpForTests();
    expect(dump).toContain(a.roomId);
    for (const text of forbidden) expect(dump, `the store holds "${text}"`).not.toContain(text);
    if (server.storeFile !== null) {
      const bytes = bytesOnDisk(server.storeFile);
      for (const text of forbidden)
        expect(bytes.includes(text), `the file holds "${text}"`).toBe(false);
    }
    const logs = server.logLines.join('\n');
    for (const text of forbidden) expect(logs, `the logs hold "${text}"`).not.toContain(text);
    expect(expectOk(await a.sync(0)).envelopes).toHaveLength(lastSeq);
  });
});
