import * as z from 'zod/mini';

export const SIGNAL_KINDS = ['pause', 'slow_down', 'check_in'] as const;
export const SignalKind = z.enum(SIGNAL_KINDS);
export type SignalKind = z.infer<typeof SignalKind>;

export const CHECK_IN_ANSWERS = ['okay', 'slow_down', 'pause'] as const;
export const CheckInAnswer = z.enum(CHECK_IN_ANSWERS);
export type CheckInAnswer = z.infer<typeof CheckInAnswer>;
