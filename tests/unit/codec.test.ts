import { hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContentEvent } from '../../shared/content.ts';
import { fromBase64url, randomBase64url, toBase64url } from '../../shared/crypto/base64url.ts';
import { deriveRoomKeys, newRoomSecret, openEvent, sealEvent } from '../../shared/crypto/codec.ts';
import type { RoomKeys, SealContext } from '../../shared/crypto/codec.ts';
import { RoomId, RoomSecret } from '../../shared/ids.ts';
import { LIMITS, PADDING_BLOCK_BYTES } from '../../shared/limits.ts';
import { Ciphertext } from '../../shared/protocol.ts';
import { CHECK_IN_ANSWERS, SIGNAL_KINDS } from '../../shared/signals.ts';
import { arbContentEvent, arbSeat } from './support/arbitraries.ts';
import { fixedEventId, newEventId, newRoomId } from '../support/ids.ts';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

describe('base64url', () => {
  it('round-trips any bytes and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(text).toMatch(BASE64URL);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(text).toHaveLength(Math.ceil((bytes.length * 4) / 3));
        expect(fromBase64url(text)).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it.each([
    ['', []],
    ['AA', [0]],
    ['-_8', [0xfb, 0xff]],
    ['AQIDBA', [1, 2, 3, 4]],
  ])('decodes %j', (text, bytes) => {
    expect([...fromBase64url(text)]).toEqual(bytes);
  });

  it.each([
    ['standard +', 'ab+c'],
    ['standard /', 'ab/c'],
    ['padding', 'AQ=='],
    ['a space', 'AQ ID'],
    ['a newline', 'AQID\n'],
    ['non-ASCII', 'AQIDé'],
    ['one char', 'A'],
    ['a length of 4n + 1', 'AAAAA'],
  ])('rejects %s', (_name, text) => {
    expect(() => fromBase64url(text)).toThrow(TypeError);
  });

  it.each([
    [16, 22],
    [32, 43],
  ])('randomBase64url(%d) is %d fresh characters', (bytes, chars) => {
    const a = randomBase64url(bytes);
    expect(a).toMatch(BASE64URL);
    expect(a).toHaveLength(chars);
    expect(fromBase64url(a)).toHaveLength(bytes);
    expect(randomBase64url(bytes)).not.toBe(a);
  });
});

describe('room secrets and keys', () => {
  it('newRoomSecret is 43 base64url characters (32 bytes), fresh each time', () => {
    const secret = newRoomSecret();
    expect(secret).toHaveLength(43);
    expect(RoomSecret.safeParse(secret).success).toBe(true);
    expect(fromBase64url(secret)).toHaveLength(32);
    expect(newRoomSecret()).not.toBe(secret);
  });

  it('derives the same room id from the same secret', async () => {
    const secret = newRoomSecret();
    const [a, b] = await Promise.all([deriveRoomKeys(secret), deriveRoomKeys(secret)]);
    expect(a.roomId).toBe(b.roomId);
    expect(a.roomId).toHaveLength(22);
    expect(RoomId.safeParse(a.roomId).success).toBe(true);
  });

  it('derives the room id with HKDF-SHA256 (salt "tandem/v1", info "room-id")', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (bytes) => {
        const expected = hkdfSync('sha256', bytes, 'tandem/v1', 'room-id', 16);
        const { roomId } = await deriveRoomKeys(toBase64url(bytes));
        expect(roomId).toBe(Buffer.from(expected).toString('base64url'));
      }),
      { numRuns: 25 },
    );
  });

  it('derives different room ids from different secrets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        async (a, b) => {
          fc.pre(toBase64url(a) !== toBase64url(b));
          const [ka, kb] = await Promise.all([
            deriveRoomKeys(toBase64url(a)),
            deriveRoomKeys(toBase64url(b)),
          ]);
          expect(ka.roomId).not.toBe(kb.roomId);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps the content key non-extractable AES-GCM-256 for encrypt/decrypt only', async () => {
    const { contentKey } = await deriveRoomKeys(newRoomSecret());
    expect(contentKey.extractable).toBe(false);
    expect(contentKey.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...contentKey.usages].sort()).toEqual(['decrypt', 'encrypt']);
  });

  it.each([
    ['31 bytes', randomBase64url(31)],
    ['33 bytes', randomBase64url(33)],
    ['16 bytes (a room id)', newRoomId()],
    ['empty', ''],
  ])('rejects a secret of %s', async (_name, secret) => {
    await expect(deriveRoomKeys(secret)).rejects.toThrow(TypeError);
  });

  it.each([
    ['standard base64', `${newRoomSecret().slice(0, 42)}+`],
    ['padded', `${newRoomSecret()}=`],
  ])('rejects a secret that is not base64url (%s)', async (_name, secret) => {
    await expect(deriveRoomKeys(secret)).rejects.toThrow(TypeError);
  });
});

// ---- Sealing ----

const keys = await deriveRoomKeys(newRoomSecret());
const otherKeys = await deriveRoomKeys(newRoomSecret());
const contextFor = (k: RoomKeys, seat: SealContext['seat'] = 0): SealContext => ({
  roomId: k.roomId,
  eventId: newEventId(),
  seat,
});

/** Seals with the codec's own key and framing, for plaintexts the codec would refuse to seal. */
async function sealRaw(k: RoomKeys, context: SealContext, plain: Uint8Array<ArrayBuffer>) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const additionalData = new TextEncoder().encode(
    `tandem/v1|${context.roomId}|${context.eventId}|${String(context.seat)}`,
  );
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData },
    k.contentKey,
    plain,
  );
  return toBase64url(new Uint8Array([1, ...iv, ...new Uint8Array(sealed)]));
}

const mutateBytes = (ciphertext: string, change: (bytes: Uint8Array) => void) => {
  const bytes = fromBase64url(ciphertext);
  change(bytes);
  return toBase64url(bytes);
};

const EVERY_TYPE: readonly ContentEvent[] = [
  ...SIGNAL_KINDS.map((kind): ContentEvent => ({ type: 'signal', kind })),
  { type: 'signal_delivered', signalId: fixedEventId(1) },
  { type: 'signal_seen', signalIds: [fixedEventId(1), fixedEventId(2)] },
  ...CHECK_IN_ANSWERS.map((answer): ContentEvent => ({
    type: 'check_in_answer',
    signalId: fixedEventId(3),
    answer,
  })),
  { type: 'session_started' },
  { type: 'session_ended' },
  { type: 'checklist_item_added', itemId: 'tea', label: 'Tea', audience: 'seat1' },
  { type: 'checklist_item_checked', itemId: 'wish-water', checked: true },
];

describe('sealEvent / openEvent', () => {
  it.each(EVERY_TYPE.map((event) => ({ type: event.type, event })))(
    'round-trips $type',
    async ({ event }) => {
      const context = contextFor(keys, 1);
      const sealed = await sealEvent(keys, context, event);
      expect(Ciphertext.safeParse(sealed).success).toBe(true);
      await expect(openEvent(keys, context, sealed)).resolves.toEqual({ ok: true, event });
    },
  );

  it('round-trips any content event, within the wire limit, without plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(arbContentEvent, arbSeat, async (event, seat) => {
        const context = contextFor(keys, seat);
        const sealed = await sealEvent(keys, context, event);
        expect(Ciphertext.safeParse(sealed).success).toBe(true);
        const plain = Buffer.from(JSON.stringify(event));
        expect(Buffer.from(fromBase64url(sealed)).includes(plain)).toBe(false);
        expect(await openEvent(keys, context, sealed)).toEqual({ ok: true, event });
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [
      'the largest seen batch',
      {
        type: 'signal_seen',
        signalIds: Array.from({ length: LIMITS.maxSeenBatch }, (_, i) => fixedEventId(i)),
      },
    ],
    [
      'the longest label of 4-byte characters',
      {
        type: 'checklist_item_added',
        itemId: 'x'.repeat(40),
        label: '🍵'.repeat(LIMITS.maxItemLabelChars),
        audience: 'both',
      },
    ],
    [
      'the longest label of JSON-escaped characters',
      {
        type: 'checklist_item_added',
        itemId: 'x'.repeat(40),
        label: `${'"\\\ud800'.repeat(26)}\ud800\ud800`,
        audience: 'both',
      },
    ],
  ] satisfies [string, ContentEvent][])(
    'fits the ciphertext limit with %s',
    async (_name, event) => {
      const context = contextFor(keys);
      const sealed = await sealEvent(keys, context, event);
      expect(sealed.length).toBeLessThanOrEqual(LIMITS.maxCiphertextChars);
      expect(Ciphertext.safeParse(sealed).success).toBe(true);
      await expect(openEvent(keys, context, sealed)).resolves.toEqual({ ok: true, event });
    },
  );

  it('seals a normalised event (labels are trimmed)', async () => {
    const context = contextFor(keys);
    const sealed = await sealEvent(keys, context, {
      type: 'checklist_item_added',
      itemId: 'tea',
      label: '  Tea  ',
      audience: 'both',
    });
    const opened = await openEvent(keys, context, sealed);
    expect(opened).toEqual({
      ok: true,
      event: { type: 'checklist_item_added', itemId: 'tea', label: 'Tea', audience: 'both' },
    });
  });

  it.each([
    ['an unknown kind', { type: 'signal', kind: 'stop' }],
    ['an extra key', { type: 'session_started', note: 'hi' }],
    [
      'a control character',
      { type: 'checklist_item_added', itemId: 'x', label: 'a\u0000', audience: 'both' },
    ],
  ])('refuses to seal an invalid event (%s)', async (_name, event) => {
    await expect(
      sealEvent(keys, contextFor(keys), event as unknown as ContentEvent),
    ).rejects.toThrow();
  });

  it('uses a fresh IV for every seal', async () => {
    const context = contextFor(keys);
    const event: ContentEvent = { type: 'signal', kind: 'pause' };
    const [a, b] = await Promise.all([
      sealEvent(keys, context, event),
      sealEvent(keys, context, event),
    ]);
    expect(a).not.toBe(b);
    expect(fromBase64url(a).subarray(1, 13)).not.toEqual(fromBase64url(b).subarray(1, 13));
    expect((await openEvent(keys, context, a)).ok).toBe(true);
    expect((await openEvent(keys, context, b)).ok).toBe(true);
  });

  it('pads so that every signal and a short checklist item have one length', async () => {
    const short: ContentEvent[] = [
      ...EVERY_TYPE,
      { type: 'checklist_item_added', itemId: 'a', label: 'A', audience: 'both' },
      {
        type: 'checklist_item_added',
        itemId: 'x'.repeat(40),
        label: 'Talk it through',
        audience: 'seat0',
      },
    ];
    const lengths = new Set(
      await Promise.all(short.map((event) => sealEvent(keys, contextFor(keys), event))).then(
        (sealed) => sealed.map((text) => text.length),
      ),
    );
    // Version byte, 12-byte IV, one padding block, 16-byte tag.
    const bytes = 1 + 12 + PADDING_BLOCK_BYTES + 16;
    expect([...lengths]).toEqual([Math.ceil((bytes * 4) / 3)]);
  });

  it('grows in whole padding blocks', async () => {
    await fc.assert(
      fc.asyncProperty(arbContentEvent, async (event) => {
        const sealed = fromBase64url(await sealEvent(keys, contextFor(keys), event));
        expect((sealed.length - 1 - 12 - 16) % PADDING_BLOCK_BYTES).toBe(0);
      }),
      { numRuns: 50 },
    );
  });
});

const event: ContentEvent = { type: 'check_in_answer', signalId: fixedEventId(5), answer: 'okay' };
const context = contextFor(keys, 0);
const sealed = await sealEvent(keys, context, event);

describe('openEvent rejects', () => {
  it('accepts the untouched ciphertext (control)', async () => {
    expect(await openEvent(keys, context, sealed)).toEqual({ ok: true, event });
  });

  it('any flipped byte: unsupported for the version byte, tampered otherwise', async () => {
    const length = fromBase64url(sealed).length;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (index, mask) => {
          const tampered = mutateBytes(sealed, (bytes) => {
            bytes[index] = (bytes[index] ?? 0) ^ mask;
          });
          expect(await openEvent(keys, context, tampered)).toEqual({
            ok: false,
            reason: index === 0 ? 'unsupported' : 'tampered',
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['another room id', { ...context, roomId: otherKeys.roomId }],
    ['another event id', { ...context, eventId: newEventId() }],
    ['the other seat', { ...context, seat: 1 as const }],
  ])('a context with %s (AAD binding)', async (_name, moved) => {
    expect(await openEvent(keys, moved, sealed)).toEqual({ ok: false, reason: 'tampered' });
  });

  it("another room's key", async () => {
    expect(await openEvent(otherKeys, context, sealed)).toEqual({ ok: false, reason: 'tampered' });
  });

  it.each([0, 2, 255])('version byte %d: unsupported', async (version) => {
    const changed = mutateBytes(sealed, (bytes) => {
      bytes[0] = version;
    });
    expect(await openEvent(keys, context, changed)).toEqual({ ok: false, reason: 'unsupported' });
  });

  it.each([
    ['a truncated tag', sealed.slice(0, -4)],
    ['an extra byte', `${sealed}AA`],
  ])('%s: tampered', async (_name, changed) => {
    expect(await openEvent(keys, context, changed)).toEqual({ ok: false, reason: 'tampered' });
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'not base64url!'],
    ['standard base64', sealed.replace(/-/g, '+').replace(/_/g, '/') + '+/'],
    ['a length of 4n + 1', `${sealed}A`.slice(0, 4 * 20 + 1)],
    ['too short for version, IV and tag', toBase64url(new Uint8Array([1, ...new Uint8Array(27)]))],
    ['only the header', sealed.slice(0, 18)],
  ])('garbage (%s): malformed', async (_name, garbage) => {
    expect(await openEvent(keys, context, garbage)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('garbage of any kind never opens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array().map(toBase64url)), async (text) => {
        const result = await openEvent(keys, context, text);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['not UTF-8', new Uint8Array([0xff, 0xfe, 0x20])],
    ['not JSON', new TextEncoder().encode('signal: pause')],
    ['JSON but not an event', new TextEncoder().encode('{"type":"signal","kind":"stop"}')],
    ['an event with an extra key', new TextEncoder().encode('{"type":"session_ended","by":0}')],
    ['JSON null', new TextEncoder().encode('null')],
  ])('authentic plaintext that is %s: invalid', async (_name, plain) => {
    const raw = await sealRaw(keys, context, new Uint8Array(plain));
    expect(await openEvent(keys, context, raw)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('authentic plaintext framed like the codec opens (control for the cases above)', async () => {
    const raw = await sealRaw(keys, context, new TextEncoder().encode(JSON.stringify(event)));
    expect(await openEvent(keys, context, raw)).toEqual({ ok: true, event });
  });
});
