import * as z from 'zod/mini';

/** Environment variables, validated once at start. Every one has a default. */
const port = z
  .pipe(z.string().check(z.regex(/^\d{1,5}$/, 'a port number')), z.transform(Number))
  .check(z.refine((value) => value <= 65_535, 'at most 65535'));

const positiveNumber = z
  .pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/, 'a positive number')), z.transform(Number))
  .check(z.refine((value) => value > 0, 'greater than 0'));

export const EnvSchema = z
  .object({
    PORT: z._default(port, 3000),
    HOST: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
    STATIC_DIR: z._default(z.string().check(z.minLength(1)), 'dist/client'),
    /** `false` serves the socket only: `npm run dev` lets Vite serve the client instead. */
    SERVE_CLIENT: z._default(z.enum(['true', 'false']), 'true'),
    /** `sqlite` keeps rooms in `<DATA_DIR>/tandem.sqlite`; `memory` forgets them on restart. */
    STORE: z._default(z.enum(['sqlite', 'memory']), 'sqlite'),
    /** Where the SQLite file lives; created (with its parents) at start. */
    DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
    /** A room idle this long ends. */
    ROOM_TTL_HOURS: z._default(positiveNumber, 72),
    /** A room this old ends, however busy: nothing is kept forever. */
    ROOM_MAX_DAYS: z._default(positiveNumber, 30),
    LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
    TLS_CERT_FILE: z.optional(z.string().check(z.minLength(1))),
    TLS_KEY_FILE: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.refine(
      (env) => (env.TLS_CERT_FILE === undefined) === (env.TLS_KEY_FILE === undefined),
      'TLS_CERT_FILE and TLS_KEY_FILE go together',
    ),
  );

export type Config = z.infer<typeof EnvSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function readConfig(env: Record<string, string | undefined>): ConfigResult {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`,
    ),
  };
}
