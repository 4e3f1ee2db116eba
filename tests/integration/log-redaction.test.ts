import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { hashMemberSecret } from '../../server/rooms/member-secret.ts';
import { roomTag } from '../../server/room-tag.ts';
import { newMemberId, newMemberSecret } from '../support/ids.ts';
import { rawRequest, waitFor } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { runWholeSession } from './support/whole-session.ts';

/**
 * The logs, at debug level, through a whole session and every refusal a stranger can provoke:
 * they follow the room by its tag and hold no room id, secret, proof, ciphertext or content.
 */
describe('the logs', () => {
  const harness = useHarness();

  it('follow a room by a short tag and hold nothing of what the phones said or hold', async () => {
    const { server, a, b } = await harness.pair({ captureLogs: true });
    const keepUntil = server.clock.now() + 50 * 60 * 60 * 1000 + 4321;
    const trace = await runWholeSession(a, b, keepUntil);
    // A's phone reloads: its join reply names the room's incarnation, not to be logged either.
    await a.disconnect();
    const { incarnation } = await a.enter();

    // Refusals, each carrying what an attacker holds or guesses.
    // Well formed (43 base64url characters), so the join reaches the proof check and is refused there.
    const forgedProof = 'Forged-proof-Zr8Qm2Lw5Nc1-well-formed-43chr';
    const stranger = await harness.client(server);
    const wrongSecret = newMemberSecret();
    const joinAs = (memberId: string, memberSecret: string) =>
      stranger.request('room:join', {
        protocol: PROTOCOL_VERSION,
        roomId: a.roomId,
        memberId,
        memberSecret,
        create: false,
        incarnation: null,
        afterSeq: 0,
        proof: forgedProof,
        joinVerifier: null,
      });
    expect(await joinAs(a.memberId, wrongSecret)).toMatchObject({ ok: false });
    expect(await joinAs(newMemberId(), wrongSecret)).toMatchObject({ ok: false });
    // Malformed and unknown requests that carry the room's secrets in their payloads.
    const smuggled = {
      roomId: a.roomId,
      roomSecret: a.roomSecret,
      memberSecret: a.memberSecret,
      proof: forgedProof,
    };
    expect(await rawRequest(stranger.socket, 'room:join', smuggled)).toMatchObject({ ok: false });
    expect(await rawRequest(stranger.socket, 'room:steal', smuggled)).toMatchObject({ ok: false });
    expect(
      await rawRequest(a.socket, 'envelope:send', {
        ...smuggled,
        ciphertext: trace.ciphertexts[0],
      }),
    ).toMatchObject({ ok: false });

    // The end: B deletes the room.
    const told = waitFor(a.socket, 'room:deleted');
    expect(await b.client.request('room:delete', {})).toEqual({ ok: true });
    await told;

    const lines = server.logLines;
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // The room can be followed: every line about it carries its tag, and only its tag.
    const tag = roomTag(a.roomId);
    const ofRoom = parsed.filter((line) => line.room === tag).map((line) => line.msg);
    for (const msg of [
      'seat taken',
      'envelope stored',
      'room kept',
      'seat refused',
      'room ended',
    ]) {
      expect(ofRoom, `a "${msg}" line with the room's tag`).toContain(msg);
    }
    expect(ofRoom.filter((msg) => msg === 'envelope stored')).toHaveLength(trace.lastSeq);
    expect(parsed.every((line) => typeof line.level === 'string')).toBe(true);

    const text = lines.join('\n');
    const forbidden: [string, string][] = [
      ['the room id', a.roomId],
      ['the incarnation', incarnation],
      ["A's member id", a.memberId],
      ["B's member id", b.memberId],
      ["A's member secret hash", hashMemberSecret(a.memberSecret)],
      ['the wrong secret', wrongSecret],
      ['the forged proof', forgedProof],
      ['the time kept until', String(keepUntil)],
      ...trace.plaintexts.map((plain): [string, string] => ['a plaintext', plain]),
      ...trace.ciphertexts.map((cipher): [string, string] => ['a ciphertext', cipher]),
      ...trace.secrets.flatMap(({ name, forms }) =>
        forms.map((form): [string, string] => [name, form.toString('latin1')]),
      ),
    ];
    expect(incarnation.length).toBeGreaterThan(0);
    for (const [what, value] of forbidden) {
      expect(text.includes(value), `the logs hold ${what} (${value})`).toBe(false);
    }
  });
});
