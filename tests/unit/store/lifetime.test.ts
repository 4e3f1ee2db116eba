import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endReason, endedAt, momentAt } from '../../../server/store/lifetime.ts';
import type { EndedReason } from '../../../server/store/room-store.ts';
import { HOUR, LIFETIME, T } from './contract/support.ts';

describe('endReason', () => {
  it.each<{
    name: string;
    createdAt: number;
    lastActiveAt: number;
    now: number;
    reason: EndedReason | null;
  }>([
    { name: 'a new room lives', createdAt: T, lastActiveAt: T, now: T, reason: null },
    {
      name: 'idle exactly its idle time: lives',
      createdAt: T,
      lastActiveAt: T,
      now: T + 10 * HOUR,
      reason: null,
    },
    {
      name: 'idle one millisecond longer: expired',
      createdAt: T,
      lastActiveAt: T,
      now: T + 10 * HOUR + 1,
      reason: 'expired',
    },
    {
      name: 'busy, exactly its maximum age: lives',
      createdAt: T,
      lastActiveAt: T + 100 * HOUR,
      now: T + 100 * HOUR,
      reason: null,
    },
    {
      name: 'busy, one millisecond past its maximum age: max_age',
      createdAt: T,
      lastActiveAt: T + 100 * HOUR,
      now: T + 100 * HOUR + 1,
      reason: 'max_age',
    },
    {
      name: 'idle too long and too old: max_age, the harder limit',
      createdAt: T,
      lastActiveAt: T,
      now: T + 200 * HOUR,
      reason: 'max_age',
    },
    {
      name: 'active in the future (a clock stepped back): lives',
      createdAt: T,
      lastActiveAt: T + HOUR,
      now: T,
      reason: null,
    },
  ])('$name', ({ createdAt, lastActiveAt, now, reason }) => {
    expect(endReason({ createdAt, lastActiveAt }, momentAt(now, LIFETIME))).toBe(reason);
  });

  it('once a room is over, it stays over at every later moment (for the same reason or max_age)', () => {
    const room = fc.record({ createdAt: fc.nat(1e9), idleFor: fc.nat(1e9) });
    fc.assert(
      fc.property(room, fc.nat(1e9), fc.nat(1e9), ({ createdAt, idleFor }, before, later) => {
        const record = { createdAt, lastActiveAt: createdAt + idleFor };
        const first = endReason(record, momentAt(createdAt + before, LIFETIME));
        const then = endReason(record, momentAt(createdAt + before + later, LIFETIME));
        if (first === 'max_age') expect(then).toBe('max_age');
        if (first === 'expired') expect(then).not.toBeNull();
      }),
    );
  });

  it('is over exactly when idle past idleMs or older than maxAgeMs', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), (created, active, now) => {
        const record = { createdAt: created, lastActiveAt: created + active };
        const over = endReason(record, momentAt(now, LIFETIME)) !== null;
        const idleTooLong = now - record.lastActiveAt > LIFETIME.idleMs;
        const tooOld = now - record.createdAt > LIFETIME.maxAgeMs;
        expect(over).toBe(idleTooLong || tooOld);
      }),
    );
  });

  it('endedAt names the incarnation with the reason', () => {
    const room = { roomId: 'r', incarnation: 'i', createdAt: T, lastActiveAt: T };
    expect(endedAt(room, momentAt(T + 11 * HOUR, LIFETIME))).toEqual({
      status: 'ended',
      room: { roomId: 'r', incarnation: 'i' },
      reason: 'expired',
    });
    expect(endedAt(room, momentAt(T, LIFETIME))).toBeNull();
  });
});
