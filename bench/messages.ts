import * as z from 'zod/mini';

/**
 * What the bench (run.ts) and its load processes (load-process.ts) tell each other over the IPC
 * channel: one command at a time, each answered by one report.
 */
export const Command = z.discriminatedUnion('type', [
  /** Open `rooms` rooms (two phones each, the real join) on the server at `url`. */
  z.object({ type: z.literal('open'), url: z.string(), rooms: z.int() }),
  /** Send `rate` signals per second, spread over this process's rooms, for `seconds`. */
  z.object({ type: z.literal('send'), rate: z.number(), seconds: z.number() }),
  /**
   * Before the kill: every room's second phone drops its connection (a phone asleep), the first
   * sends `signals` signals and waits until each is acknowledged (stored durably).
   */
  z.object({ type: z.literal('prepare-storm'), signals: z.int() }),
  /** The server was killed: every phone reconnects (with the phone's backoff) and rejoins. */
  z.object({ type: z.literal('storm') }),
  z.object({ type: z.literal('close') }),
]);
export type Command = z.infer<typeof Command>;

export const Report = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), rooms: z.int(), errors: z.int(), firstError: z.string() }),
  z.object({
    type: z.literal('sent'),
    sent: z.int(),
    acked: z.int(),
    delivered: z.int(),
    errors: z.int(),
    lost: z.int(),
    firstError: z.string(),
    /** Send → the partner's socket received it, milliseconds, one per delivered signal. */
    deliveryMs: z.array(z.number()),
    /** Send → the acknowledgement arrived, milliseconds, one per acknowledged signal. */
    ackMs: z.array(z.number()),
    envelopeBytes: z.int(),
  }),
  z.object({ type: z.literal('storm-ready'), errors: z.int(), firstError: z.string() }),
  /** Every phone of this process has rejoined and holds everything its room stored. */
  z.object({ type: z.literal('caught-up'), rejoins: z.int(), replayed: z.int() }),
  z.object({ type: z.literal('failed'), error: z.string() }),
]);
export type Report = z.infer<typeof Report>;
