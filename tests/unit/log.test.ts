import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogFields, LogLevel } from '../../server/log.ts';
import { FORBIDDEN_LOG_FIELDS, REDACTED, createLogger } from '../../server/log.ts';
import { ROOM_TAG_LENGTH, roomTag, roomTagger } from '../../server/room-tag.ts';

/** A logger at `level` whose lines are parsed back into objects. */
function capture(level: LogLevel) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const log = createLogger(level, (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { log, lines, raw };
}

describe('the logger', () => {
  it('writes one JSON object per line, with the level by name, an ISO time and the message', () => {
    const { log, lines, raw } = capture('debug');
    log.info('seat taken', { seat: 1, outcome: 'claimed' });
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain('\n');
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'seat taken',
      seat: 1,
      outcome: 'claimed',
      pid: process.pid,
    });
    expect(new Date(String(lines[0]?.time)).toISOString()).toBe(lines[0]?.time);
    expect(lines[0]).not.toHaveProperty('hostname');
  });

  it.each<[LogLevel, string[]]>([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ])('at %s writes %j', (level, written) => {
    const { log, lines } = capture(level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((line) => line.level)).toEqual(written);
  });

  it('redacts every forbidden field, at the top and one level down, should one slip past the types', () => {
    const { log, lines, raw } = capture('debug');
    const secret = 'S3cr3t-value-that-must-not-appear';
    for (const name of FORBIDDEN_LOG_FIELDS) {
      const smuggled = { [name]: secret, nested: { [name]: secret } } as unknown as LogFields;
      log.warn('smuggled', smuggled);
    }
    expect(raw.join('\n')).not.toContain(secret);
    FORBIDDEN_LOG_FIELDS.forEach((name, i) => {
      expect(lines[i]?.[name]).toBe(REDACTED);
      expect(lines[i]?.nested).toEqual({ [name]: REDACTED });
    });
  });

  it('refuses forbidden field names at compile time', () => {
    const { log, raw } = capture('silent');
    // @ts-expect-error a room id is never logged: its tag is
    log.info('x', { roomId: 'abc' });
    // @ts-expect-error nor a member secret
    log.warn('x', { memberSecret: 'abc' });
    // @ts-expect-error nor a join proof
    log.error('x', { proof: 'abc' });
    expect(raw).toEqual([]);
  });
});

describe('the room tag', () => {
  const key = new Uint8Array(32).fill(7);

  it.each([
    ['AAAAAAAAAAAAAAAAAAAAAA', roomTagger(key)('AAAAAAAAAAAAAAAAAAAAAA')],
    ['another-room-id-000000', roomTagger(key)('another-room-id-000000')],
  ])('is short hex, the same for the same room and key (%s)', (roomId, tag) => {
    expect(tag).toMatch(new RegExp(`^[0-9a-f]{${String(ROOM_TAG_LENGTH)}}$`));
    expect(roomTagger(key)(roomId)).toBe(tag);
    expect(roomTag(roomId)).toBe(roomTag(roomId));
  });

  it('depends on the key: another key (another process) gives other tags', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (roomId, otherKey) => {
          fc.pre(Buffer.compare(Buffer.from(otherKey), Buffer.from(key)) !== 0);
          // 32 bits: two keys agree on one id about once in four billion tries.
          expect(roomTagger(otherKey)(roomId)).not.toBe(roomTagger(key)(roomId));
        },
      ),
    );
  });

  it('tells rooms apart', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 50 }),
        (ids) => {
          const tags = new Set(ids.map(roomTagger(key)));
          expect(tags.size).toBe(ids.length);
        },
      ),
    );
  });
});
