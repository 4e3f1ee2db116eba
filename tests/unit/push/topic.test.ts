import { describe, expect, it } from 'vitest';
import { topicOf } from '../../../server/push/payload.ts';

const room = { roomId: 'r'.repeat(22), incarnation: 'inc' };

describe('topicOf: the Topic header of a seat’s urgent pushes', () => {
  it('is at most 32 base64url characters (RFC 8030 §5.4) and the same for the same seat', () => {
    const topic = topicOf(room, 0, 'secret');
    expect(topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(topicOf(room, 0, 'secret')).toBe(topic);
  });

  it.each<[string, () => string]>([
    [
      'the other seat (a push service serving both phones cannot pair them)',
      () => topicOf(room, 1, 'secret'),
    ],
    ['another server secret (nobody computes it from a room id)', () => topicOf(room, 0, 'other')],
    ['another incarnation', () => topicOf({ ...room, incarnation: 'next' }, 0, 'secret')],
    ['another room', () => topicOf({ ...room, roomId: 's'.repeat(22) }, 0, 'secret')],
  ])('differs for %s', (_name, other) => {
    expect(other()).not.toBe(topicOf(room, 0, 'secret'));
  });
});
