import * as z from 'zod/mini';
import { DEFAULT_PUSH_SERVICE_HOSTS, DEFAULT_VAPID_SUBJECT } from './push/settings.ts';

/** Environment variables, validated once at start. Every one has a default. */
const port = z
  .pipe(z.string().check(z.regex(/^\d{1,5}$/, 'a port number')), z.transform(Number))
  .check(z.refine((value) => value <= 65_535, 'at most 65535'));

const positiveNumber = z
  .pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/, 'a positive number')), z.transform(Number))
  .check(z.refine((value) => value > 0, 'greater than 0'));

const count = z.pipe(z.string().check(z.regex(/^\d{1,9}$/, 'a whole number')), z.transform(Number));
const positiveCount = count.check(z.refine((value) => value > 0, 'greater than 0'));

/**
 * A comma-separated list of origins (`https://tandem.example,https://other.example`), each a
 * scheme, host and optional port with nothing after it: exactly what a browser sends as `Origin`.
 */
const origins = z.pipe(
  z
    .string()
    .check(
      z.refine(
        (list) => list.split(',').every((item) => isOrigin(item.trim())),
        'a comma-separated list of origins such as https://tandem.example',
      ),
    ),
  z.transform((list) =>
    list
      .split(',')
      .map((item) => new URL(item.trim()).origin)
      .filter((item, index, all) => all.indexOf(item) === index),
  ),
);

function isOrigin(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  // Scheme, host and port only: `https://a.example:443` is `https://a.example`, but a path,
  // query, fragment or user name means the text is not an origin.
  return (
    ['http:', 'https:'].includes(url.protocol) &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    url.pathname === '/' &&
    !text.endsWith('?') &&
    !text.endsWith('#')
  );
}

/** A Redis URL: `redis://` or `rediss://` (TLS), with a host, and optionally a user, password, db. */
const redisUrl = z
  .string()
  .check(
    z.refine(
      (text) =>
        URL.canParse(text) &&
        ['redis:', 'rediss:'].includes(new URL(text).protocol) &&
        new URL(text).hostname !== '',
      'a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
    ),
  );

/**
 * Letters, digits and `:_.-`: no braces, which would change a room's hash tag (store/redis/keys.ts),
 * no glob characters, which would make a SCAN for the prefix match other keys.
 */
const redisPrefix = z
  .string()
  .check(z.regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and :_.- (1 to 64 characters)'));

/** A VAPID subject (RFC 8292 §2.1): how a push service reaches the operator. */
const vapidSubject = z.string().check(
  z.refine(
    (text) =>
      (URL.canParse(text) && new URL(text).protocol === 'https:') ||
      /^mailto:[^@\s]+@[^@\s]+$/.test(text),
    'a mailto: address or an https: URL (not localhost: Apple refuses it)',
  ),
  z.refine(
    (text) => !URL.canParse(text) || new URL(text).hostname !== 'localhost',
    'not localhost: Apple refuses it',
  ),
);

/** Host names, comma-separated: `fcm.googleapis.com,push.apple.com`. */
const hostList = z.pipe(
  z
    .string()
    .check(
      z.refine(
        (list) =>
          list.split(',').every((item) => /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(item.trim())),
        'a comma-separated list of host names such as fcm.googleapis.com',
      ),
    ),
  z.transform((list) => list.split(',').map((item) => item.trim().toLowerCase())),
);

const EnvObject = z
  .object({
    PORT: z._default(port, 3000),
    HOST: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
    STATIC_DIR: z._default(z.string().check(z.minLength(1)), 'dist/client'),
    /** `false` serves the socket only: `npm run dev` lets Vite serve the client instead. */
    SERVE_CLIENT: z._default(z.enum(['true', 'false']), 'true'),
    /**
     * `sqlite` keeps rooms in `<DATA_DIR>/tandem.sqlite`; `memory` forgets them on restart; `redis`
     * keeps them in Redis at REDIS_URL. Unset: `redis` when REDIS_URL is set, `sqlite` otherwise.
     */
    STORE: z.optional(z.enum(['sqlite', 'memory', 'redis'])),
    /** Rooms (and, for several processes, their fan-out) in this Redis. */
    REDIS_URL: z.optional(redisUrl),
    /** Every Redis key starts with this, so deployments (and tests) can share a Redis. */
    REDIS_PREFIX: z._default(redisPrefix, 'tandem:'),
    /** Where the SQLite file lives; created (with its parents) at start. */
    DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
    /** A room idle this long ends. */
    ROOM_TTL_HOURS: z._default(positiveNumber, 72),
    /** A room this old ends, however busy: nothing is kept forever. */
    ROOM_MAX_DAYS: z._default(positiveNumber, 30),
    LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
    /** Origins allowed to open a socket besides the server's own (see server/limits/origin.ts). */
    ALLOWED_ORIGINS: z._default(origins, []),
    /** `websocket` only, unless a network in the way needs long-polling too. */
    TRANSPORTS: z._default(z.enum(['websocket', 'websocket,polling']), 'websocket'),
    /** `off` lifts every limit below: for benchmarks on loopback, never in production. */
    RATE_LIMITS: z._default(z.enum(['on', 'off']), 'on'),
    /** Proxies in front of the server whose X-Forwarded-For is believed, counted from the right. */
    TRUST_PROXY: z._default(count, 0),
    EVENTS_PER_SECOND: z._default(positiveCount, 20),
    EVENT_BURST: z._default(positiveCount, 40),
    CONNECTIONS_PER_ADDRESS: z._default(positiveCount, 50),
    ROOMS_PER_ADDRESS_PER_MINUTE: z._default(positiveCount, 10),
    EVENTS_PER_ROOM: z._default(positiveCount, 20_000),
    ROOMS_PER_PROCESS: z._default(positiveCount, 10_000),
    TLS_CERT_FILE: z.optional(z.string().check(z.minLength(1))),
    TLS_KEY_FILE: z.optional(z.string().check(z.minLength(1))),
    /** `off`: no Web Push (the join's pushKey is null, subscriptions are refused). */
    PUSH: z._default(z.enum(['on', 'off']), 'on'),
    /** The VAPID key pair (both or neither); unset: made on first start, kept with the store. */
    VAPID_PUBLIC_KEY: z.optional(
      z
        .string()
        .check(z.regex(/^[A-Za-z0-9_-]{87}$/, 'a P-256 public key, base64url (87 characters)')),
    ),
    VAPID_PRIVATE_KEY: z.optional(
      z
        .string()
        .check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 private key, base64url (43 characters)')),
    ),
    VAPID_SUBJECT: z._default(vapidSubject, DEFAULT_VAPID_SUBJECT),
    /** The push services the server will POST to (server/push/endpoint-guard.ts). */
    PUSH_SERVICE_HOSTS: z._default(hostList, [...DEFAULT_PUSH_SERVICE_HOSTS]),
  })
  .check(
    z.refine(
      (env) => (env.TLS_CERT_FILE === undefined) === (env.TLS_KEY_FILE === undefined),
      'TLS_CERT_FILE and TLS_KEY_FILE go together',
    ),
    z.refine(
      (env) => (env.VAPID_PUBLIC_KEY === undefined) === (env.VAPID_PRIVATE_KEY === undefined),
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together',
    ),
    // REDIS_URL chooses Redis; naming another store as well is a contradiction, not a choice.
    z.refine(
      (env) => env.REDIS_URL === undefined || env.STORE === undefined || env.STORE === 'redis',
      {
        path: ['STORE'],
        message: 'REDIS_URL is set, so the store is Redis: leave STORE unset (or set it to redis)',
      },
    ),
    z.refine((env) => env.STORE !== 'redis' || env.REDIS_URL !== undefined, {
      path: ['STORE'],
      message: 'redis needs REDIS_URL',
    }),
  );

export const EnvSchema = z.pipe(
  EnvObject,
  z.transform((env) => ({
    ...env,
    STORE: env.STORE ?? (env.REDIS_URL === undefined ? 'sqlite' : 'redis'),
  })),
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
