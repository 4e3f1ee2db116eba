import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../shared/crypto/base64url.ts';
import { deriveRoomKeys } from '../../shared/crypto/codec.ts';
import { deriveJoinKey, proveJoin, verifyJoinProof } from '../../shared/crypto/join-proof.ts';
import type { ProofInput } from '../../shared/crypto/join-proof.ts';
import { JoinProof, JoinVerifier } from '../../shared/protocol.ts';

/**
 * A fixed vector, worked out with Node's own HKDF and HMAC (not Web Crypto): secret 00..1f,
 * nonce 32 × 0xaa, member id 16 × 0x11.
 */
const VECTOR = {
  roomSecret: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  joinKey: 'dETLmnBXIeoJIEZgEmUST_Qa1X7ft_d5pQ6uicfDsW0',
  roomId: 'MQk6L5Au7y76aJHqxNSN-A',
  nonce: 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqo',
  memberId: 'EREREREREREREREREREREQ',
  proof: '-mhX4emgMRxy1ORmd2fVMmh9y5WiOfKxFu5CFAoE76w',
} as const;

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const arbInput = fc.record({
  nonce: bytes(32).map(toBase64url),
  roomId: bytes(16).map(toBase64url),
  memberId: bytes(16).map(toBase64url),
});
const arbSecret = bytes(32).map(toBase64url);

describe('the join key', () => {
  it('matches the fixed vector, and the room id beside it', async () => {
    const { verifier } = await deriveJoinKey(VECTOR.roomSecret);
    expect(verifier).toBe(VECTOR.joinKey);
    expect((await deriveRoomKeys(VECTOR.roomSecret)).roomId).toBe(VECTOR.roomId);
    expect(JoinVerifier.safeParse(verifier).success).toBe(true);
  });

  it('is HKDF-SHA-256 under its own label, never the room id or the content key', async () => {
    await fc.assert(
      fc.asyncProperty(bytes(32), async (secret) => {
        const { verifier } = await deriveJoinKey(toBase64url(secret));
        const expected = hkdfSync('sha256', secret, 'tandem/v1', 'join-key', 32);
        expect(verifier).toBe(Buffer.from(expected).toString('base64url'));
        const contentKey = hkdfSync('sha256', secret, 'tandem/v1', 'content-key', 32);
        expect(verifier).not.toBe(Buffer.from(contentKey).toString('base64url'));
        const { roomId } = await deriveRoomKeys(toBase64url(secret));
        expect(verifier.startsWith(roomId)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it.each([
    ['31 bytes', 'A'.repeat(41) + 'A'],
    ['33 bytes', 'A'.repeat(44)],
    ['not base64url', '+'.repeat(43)],
  ])('refuses a room secret of %s', async (_name, secret) => {
    await expect(deriveJoinKey(secret)).rejects.toThrow(TypeError);
  });
});

describe('the join proof', () => {
  it('matches the fixed vector', async () => {
    const key = await deriveJoinKey(VECTOR.roomSecret);
    const input = { nonce: VECTOR.nonce, roomId: VECTOR.roomId, memberId: VECTOR.memberId };
    expect(await proveJoin(key, input)).toBe(VECTOR.proof);
    expect(await verifyJoinProof(VECTOR.joinKey, input, VECTOR.proof)).toBe(true);
  });

  it('is HMAC-SHA-256(joinKey, nonce ‖ roomId ‖ memberId), and verifies', async () => {
    await fc.assert(
      fc.asyncProperty(arbSecret, arbInput, async (secret, input) => {
        const key = await deriveJoinKey(secret);
        const proof = await proveJoin(key, input);
        const message = Buffer.concat(
          [input.nonce, input.roomId, input.memberId].map((part) => Buffer.from(part, 'base64url')),
        );
        const expected = createHmac('sha256', Buffer.from(key.verifier, 'base64url'))
          .update(message)
          .digest('base64url');
        expect(proof).toBe(expected);
        expect(JoinProof.safeParse(proof).success).toBe(true);
        expect(await verifyJoinProof(key.verifier, input, proof)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('made for one nonce, room, member or key never verifies for another', async () => {
    const other = (a: ProofInput, b: ProofInput, field: keyof ProofInput): ProofInput => ({
      ...a,
      [field]: b[field],
    });
    await fc.assert(
      fc.asyncProperty(
        arbSecret,
        arbSecret,
        arbInput,
        arbInput,
        fc.constantFrom<keyof ProofInput>('nonce', 'roomId', 'memberId'),
        async (secret, otherSecret, input, otherInput, field) => {
          fc.pre(input[field] !== otherInput[field] && secret !== otherSecret);
          const key = await deriveJoinKey(secret);
          const proof = await proveJoin(key, input);
          expect(await verifyJoinProof(key.verifier, other(input, otherInput, field), proof)).toBe(
            false,
          );
          const otherKey = await deriveJoinKey(otherSecret);
          expect(await verifyJoinProof(otherKey.verifier, input, proof)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is refused, never thrown, when anything is malformed', async () => {
    const input = { nonce: VECTOR.nonce, roomId: VECTOR.roomId, memberId: VECTOR.memberId };
    const cases: [string, string, ProofInput, string][] = [
      ['a flipped proof', VECTOR.joinKey, input, `A${VECTOR.proof.slice(1)}`],
      ['a short proof', VECTOR.joinKey, input, VECTOR.proof.slice(0, 42)],
      ['an empty proof', VECTOR.joinKey, input, ''],
      ['a proof not base64url', VECTOR.joinKey, input, '!'.repeat(43)],
      ['a short verifier', VECTOR.joinKey.slice(0, 42), input, VECTOR.proof],
      ['a verifier not base64url', '+'.repeat(43), input, VECTOR.proof],
      ['a short nonce', VECTOR.joinKey, { ...input, nonce: 'qqqq' }, VECTOR.proof],
      ['a short room id', VECTOR.joinKey, { ...input, roomId: 'MQk6' }, VECTOR.proof],
      ['a long member id', VECTOR.joinKey, { ...input, memberId: VECTOR.nonce }, VECTOR.proof],
    ];
    for (const [, verifier, given, proof] of cases) {
      expect(await verifyJoinProof(verifier, given, proof)).toBe(false);
    }
  });
});
