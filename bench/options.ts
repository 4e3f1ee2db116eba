import { parseArgs } from 'node:util';
import * as z from 'zod/mini';

/**
 * `npm run bench -- --rooms 9000 --rate 1000 --seconds 20`. The defaults fit a 2-core machine in
 * under three minutes, load generator included. A process may hold 20,000 file descriptors here,
 * so the client sockets (two per room) are spread over load processes of at most
 * SOCKETS_PER_LOAD_PROCESS each, and one server process tops out near 9,000 rooms.
 */
export const SOCKETS_PER_LOAD_PROCESS = 4000;

const whole = (min: number, max: number) =>
  z.pipe(
    z.string().check(z.regex(/^\d{1,6}$/, 'a whole number')),
    z.pipe(z.transform(Number), z.number().check(z.minimum(min), z.maximum(max))),
  );

const Flags = z.object({
  rooms: z._default(whole(1, 9500), 2000),
  rate: z._default(whole(1, 20_000), 500),
  seconds: z._default(whole(1, 600), 20),
  /** Load processes; by default as many as the sockets need (two at least, never one per core). */
  loaders: z.optional(whole(1, 16)),
  /** Signals sent per room just before the server is killed, for the phones to replay. */
  'storm-signals': z._default(whole(0, 50), 2),
  'skip-baseline': z._default(z.boolean(), false),
  'skip-storm': z._default(z.boolean(), false),
  /** Writes the server's CPU profile (node --cpu-prof) into this directory. */
  'cpu-prof': z.optional(z.string().check(z.minLength(1))),
});

export interface BenchOptions {
  readonly rooms: number;
  readonly signalsPerSec: number;
  readonly seconds: number;
  readonly loaders: number;
  readonly stormSignals: number;
  readonly baseline: boolean;
  readonly storm: boolean;
  readonly cpuProfileDir: string | null;
}

export type OptionsResult =
  | { readonly ok: true; readonly options: BenchOptions }
  | { readonly ok: false; readonly problems: string[] };

export function readOptions(argv: readonly string[]): OptionsResult {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        rooms: { type: 'string' },
        rate: { type: 'string' },
        seconds: { type: 'string' },
        loaders: { type: 'string' },
        'storm-signals': { type: 'string' },
        'skip-baseline': { type: 'boolean' },
        'skip-storm': { type: 'boolean' },
        'cpu-prof': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const parsed = Flags.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`),
    };
  }
  const flags = parsed.data;
  const needed = Math.ceil((2 * flags.rooms) / SOCKETS_PER_LOAD_PROCESS);
  return {
    ok: true,
    options: {
      rooms: flags.rooms,
      signalsPerSec: flags.rate,
      seconds: flags.seconds,
      loaders: Math.min(flags.rooms, Math.max(flags.loaders ?? 2, needed)),
      stormSignals: flags['storm-signals'],
      baseline: !flags['skip-baseline'],
      storm: !flags['skip-storm'],
      cpuProfileDir: flags['cpu-prof'] ?? null,
    },
  };
}
