import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endReason, endedAt, keepUntilAt, momentAt } from '../../../server/store/lifetime.ts';
import type { EndedReason } from '../../../server/store/room-store.ts';
import { HOUR, LIFETIME, T } from './contract/support.ts';

describe('endReason', () => {
  it.each<{
    name: string;
    createdAt: number;
    lastActiveAt: number;
    keepUntil?: number;
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
    {
      name: 'kept: idle from the time kept until, exactly its idle time after it: lives',
      createdAt: T,
      lastActiveAt: T,
      keepUntil: T + 50 * HOUR,
      now: T + 60 * HOUR,
      reason: null,
    },
    {
      name: 'kept: one millisecond later: expired, as any idle room',
      createdAt: T,
      lastActiveAt: T,
      keepUntil: T + 50 * HOUR,
      now: T + 60 * HOUR + 1,
      reason: 'expired',
    },
    {
      name: 'kept until before its last activity: idle from the activity',
      createdAt: T,
      lastActiveAt: T + 20 * HOUR,
      keepUntil: T + 5 * HOUR,
      now: T + 30 * HOUR,
      reason: null,
    },
    {
      name: 'kept until before its last activity, idle too long since: expired',
      createdAt: T,
      lastActiveAt: T + 20 * HOUR,
      keepUntil: T + 5 * HOUR,
      now: T + 30 * HOUR + 1,
      reason: 'expired',
    },
    {
      name: 'kept past its maximum age (never stored so, but still): max_age wins',
      createdAt: T,
      lastActiveAt: T,
      keepUntil: T + 500 * HOUR,
      now: T + 100 * HOUR + 1,
      reason: 'max_age',
    },
  ])('$name', ({ createdAt, lastActiveAt, keepUntil = 0, now, reason }) => {
    expect(endReason({ createdAt, lastActiveAt, keepUntil }, momentAt(now, LIFETIME))).toBe(reason);
  });

  it('once a room is over, it stays over at every later moment (for the same reason or max_age)', () => {
    const room = fc.record({ createdAt: fc.nat(1e9), idleFor: fc.nat(1e9) });
    fc.assert(
      fc.property(room, fc.nat(1e9), fc.nat(1e9), ({ createdAt, idleFor }, before, later) => {
        const record = { createdAt, lastActiveAt: createdAt + idleFor, keepUntil: 0 };
        const first = endReason(record, momentAt(createdAt + before, LIFETIME));
        const then = endReason(record, momentAt(createdAt + before + later, LIFETIME));
        if (first === 'max_age') expect(then).toBe('max_age');
        if (first === 'expired') expect(then).not.toBeNull();
      }),
    );
  });

  it('is over exactly when idle past idleMs (from activity or keep, the later) or older than maxAgeMs', () => {
    const keep = fc.oneof(fc.constant(0), fc.nat(2e9));
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), keep, fc.nat(1e9), (created, active, kept, now) => {
        const record = { createdAt: created, lastActiveAt: created + active, keepUntil: kept };
        const over = endReason(record, momentAt(now, LIFETIME)) !== null;
        const idleFrom = Math.max(record.lastActiveAt, record.keepUntil);
        const idleTooLong = now - idleFrom > LIFETIME.idleMs;
        const tooOld = now - record.createdAt > LIFETIME.maxAgeMs;
        expect(over).toBe(idleTooLong || tooOld);
      }),
    );
  });

  it('endedAt names the incarnation with the reason', () => {
    const room = { roomId: 'r', incarnation: 'i', createdAt: T, lastActiveAt: T, keepUntil: 0 };
    expect(endedAt(room, momentAt(T + 11 * HOUR, LIFETIME))).toEqual({
      status: 'ended',
      room: { roomId: 'r', incarnation: 'i' },
      reason: 'expired',
    });
    expect(endedAt(room, momentAt(T, LIFETIME))).toBeNull();
  });
});

describe('keepUntilAt', () => {
  const cap = T + LIFETIME.maxAgeMs;

  it.each<{ name: string; until: number; now: number; kept: number }>([
    {
      name: 'a time within the maximum age: as asked',
      until: T + 50 * HOUR,
      now: T,
      kept: T + 50 * HOUR,
    },
    { name: 'exactly the maximum age: as asked', until: cap, now: T + HOUR, kept: cap },
    { name: 'past the maximum age: capped there', until: cap + 1, now: T + HOUR, kept: cap },
    { name: 'far past it: capped there', until: Number.MAX_SAFE_INTEGER, now: T, kept: cap },
    { name: 'none (0): none', until: 0, now: T + HOUR, kept: 0 },
    { name: 'a time already past: as asked', until: T - HOUR, now: T + HOUR, kept: T - HOUR },
  ])('$name', ({ until, now, kept }) => {
    expect(keepUntilAt(T, until, momentAt(now, LIFETIME))).toBe(kept);
  });

  it('is what was asked, or the maximum age if sooner, whenever it is asked', () => {
    fc.assert(
      fc.property(
        fc.nat(1e12),
        fc.nat(Number.MAX_SAFE_INTEGER),
        fc.nat(1e9),
        (created, until, after) => {
          const kept = keepUntilAt(created, until, momentAt(created + after, LIFETIME));
          expect(kept).toBe(Math.min(until, created + LIFETIME.maxAgeMs));
        },
      ),
    );
  });
});
