import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import type { Config } from '../../server/config.ts';

const DEFAULTS: Config = {
  PORT: 3000,
  HOST: '0.0.0.0',
  STATIC_DIR: 'dist/client',
  SERVE_CLIENT: 'true',
  STORE: 'sqlite',
  REDIS_PREFIX: 'tandem:',
  DATA_DIR: './data',
  ROOM_TTL_HOURS: 72,
  ROOM_MAX_DAYS: 30,
  LOG_LEVEL: 'info',
  ALLOWED_ORIGINS: [],
  TRANSPORTS: 'websocket',
  RATE_LIMITS: 'on',
  TRUST_PROXY: 0,
  EVENTS_PER_SECOND: 20,
  EVENT_BURST: 40,
  CONNECTIONS_PER_ADDRESS: 50,
  ROOMS_PER_ADDRESS_PER_MINUTE: 10,
  EVENTS_PER_ROOM: 20_000,
  ROOMS_PER_PROCESS: 10_000,
  PUSH: 'on',
  VAPID_SUBJECT: 'mailto:push@tandem.invalid',
  PUSH_SERVICE_HOSTS: [
    'fcm.googleapis.com',
    'updates.push.services.mozilla.com',
    'push.apple.com',
    'notify.windows.com',
  ],
};

type Env = Record<string, string | undefined>;

function configOf(env: Env): Config {
  const result = readConfig(env);
  if (!result.ok) throw new Error(`expected a valid config, got ${result.problems.join('; ')}`);
  return result.config;
}

function problemsOf(env: Env): string[] {
  const result = readConfig(env);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.config)}`);
  return result.problems;
}

describe('readConfig', () => {
  it('has a default for everything', () => {
    expect(configOf({})).toEqual(DEFAULTS);
  });

  it('ignores unrelated variables (a real process.env has many)', () => {
    expect(configOf({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'test' })).toEqual(DEFAULTS);
  });

  it.each<{ name: string; env: Env; expected: Partial<Config> }>([
    { name: 'PORT', env: { PORT: '8080' }, expected: { PORT: 8080 } },
    { name: 'PORT 0 (any free port)', env: { PORT: '0' }, expected: { PORT: 0 } },
    { name: 'the highest PORT', env: { PORT: '65535' }, expected: { PORT: 65_535 } },
    { name: 'HOST', env: { HOST: '127.0.0.1' }, expected: { HOST: '127.0.0.1' } },
    {
      name: 'STATIC_DIR',
      env: { STATIC_DIR: '/srv/tandem' },
      expected: { STATIC_DIR: '/srv/tandem' },
    },
    {
      name: 'SERVE_CLIENT false',
      env: { SERVE_CLIENT: 'false' },
      expected: { SERVE_CLIENT: 'false' },
    },
    {
      name: 'SERVE_CLIENT true',
      env: { SERVE_CLIENT: 'true' },
      expected: { SERVE_CLIENT: 'true' },
    },
    { name: 'STORE memory', env: { STORE: 'memory' }, expected: { STORE: 'memory' } },
    { name: 'STORE sqlite', env: { STORE: 'sqlite' }, expected: { STORE: 'sqlite' } },
    {
      name: 'REDIS_URL, which makes the store Redis',
      env: { REDIS_URL: 'redis://127.0.0.1:6379' },
      expected: { STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' },
    },
    {
      name: 'REDIS_URL with TLS, a password and a database, and STORE redis',
      env: { REDIS_URL: 'rediss://:pw@redis.example:6380/2', STORE: 'redis' },
      expected: { STORE: 'redis', REDIS_URL: 'rediss://:pw@redis.example:6380/2' },
    },
    {
      name: 'REDIS_PREFIX',
      env: { REDIS_PREFIX: 'tandem-prod:eu.1_' },
      expected: { REDIS_PREFIX: 'tandem-prod:eu.1_' },
    },
    {
      name: 'DATA_DIR',
      env: { DATA_DIR: '/var/lib/tandem' },
      expected: { DATA_DIR: '/var/lib/tandem' },
    },
    { name: 'ROOM_MAX_DAYS', env: { ROOM_MAX_DAYS: '7' }, expected: { ROOM_MAX_DAYS: 7 } },
    {
      name: 'a fractional ROOM_MAX_DAYS',
      env: { ROOM_MAX_DAYS: '1.5' },
      expected: { ROOM_MAX_DAYS: 1.5 },
    },
    { name: 'ROOM_TTL_HOURS', env: { ROOM_TTL_HOURS: '24' }, expected: { ROOM_TTL_HOURS: 24 } },
    {
      name: 'a fractional ROOM_TTL_HOURS',
      env: { ROOM_TTL_HOURS: '0.5' },
      expected: { ROOM_TTL_HOURS: 0.5 },
    },
    ...(['debug', 'info', 'warn', 'error', 'silent'] as const).map((level) => ({
      name: `LOG_LEVEL ${level}`,
      env: { LOG_LEVEL: level },
      expected: { LOG_LEVEL: level },
    })),
    {
      name: 'ALLOWED_ORIGINS, normalized and without repeats',
      env: { ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080,https://a.example:443' },
      expected: { ALLOWED_ORIGINS: ['https://a.example', 'http://b.example:8080'] },
    },
    {
      name: 'TRANSPORTS with polling',
      env: { TRANSPORTS: 'websocket,polling' },
      expected: { TRANSPORTS: 'websocket,polling' },
    },
    { name: 'RATE_LIMITS off', env: { RATE_LIMITS: 'off' }, expected: { RATE_LIMITS: 'off' } },
    { name: 'TRUST_PROXY 2', env: { TRUST_PROXY: '2' }, expected: { TRUST_PROXY: 2 } },
    {
      name: 'every limit',
      env: {
        EVENTS_PER_SECOND: '5',
        EVENT_BURST: '10',
        CONNECTIONS_PER_ADDRESS: '3',
        ROOMS_PER_ADDRESS_PER_MINUTE: '2',
        EVENTS_PER_ROOM: '100',
        ROOMS_PER_PROCESS: '7',
      },
      expected: {
        EVENTS_PER_SECOND: 5,
        EVENT_BURST: 10,
        CONNECTIONS_PER_ADDRESS: 3,
        ROOMS_PER_ADDRESS_PER_MINUTE: 2,
        EVENTS_PER_ROOM: 100,
        ROOMS_PER_PROCESS: 7,
      },
    },
    {
      name: 'TLS cert and key together',
      env: { TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem' },
      expected: { TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem' },
    },
    {
      name: 'everything at once',
      env: {
        PORT: '443',
        HOST: '::',
        STATIC_DIR: 'public',
        SERVE_CLIENT: 'false',
        STORE: 'memory',
        DATA_DIR: 'state',
        ROOM_TTL_HOURS: '1',
        ROOM_MAX_DAYS: '2',
        LOG_LEVEL: 'warn',
        TLS_CERT_FILE: '/etc/tls/cert.pem',
        TLS_KEY_FILE: '/etc/tls/key.pem',
      },
      expected: {
        PORT: 443,
        HOST: '::',
        STATIC_DIR: 'public',
        SERVE_CLIENT: 'false',
        STORE: 'memory',
        DATA_DIR: 'state',
        ROOM_TTL_HOURS: 1,
        ROOM_MAX_DAYS: 2,
        LOG_LEVEL: 'warn',
        TLS_CERT_FILE: '/etc/tls/cert.pem',
        TLS_KEY_FILE: '/etc/tls/key.pem',
      },
    },
  ])('overrides $name', ({ env, expected }) => {
    expect(configOf(env)).toEqual({ ...DEFAULTS, ...expected });
  });

  it.each<[string, Env]>([
    [
      'an empty string',
      {
        PORT: '',
        HOST: '',
        STATIC_DIR: '',
        SERVE_CLIENT: '',
        STORE: '',
        REDIS_URL: '',
        REDIS_PREFIX: '',
        DATA_DIR: '',
        ROOM_TTL_HOURS: '',
        ROOM_MAX_DAYS: '',
        LOG_LEVEL: '',
      },
    ],
    [
      'undefined',
      { PORT: undefined, HOST: undefined, LOG_LEVEL: undefined, TLS_CERT_FILE: undefined },
    ],
  ])('treats %s as unset', (_name, env) => {
    expect(configOf(env)).toEqual(DEFAULTS);
  });

  describe('push', () => {
    const publicKey = `B${'p'.repeat(86)}`;
    const privateKey = 'k'.repeat(43);

    it('takes a VAPID pair, a subject, service hosts, or push off', () => {
      expect(
        configOf({
          VAPID_PUBLIC_KEY: publicKey,
          VAPID_PRIVATE_KEY: privateKey,
          VAPID_SUBJECT: 'https://tandem.example/contact',
          PUSH_SERVICE_HOSTS: 'FCM.googleapis.com, 127.0.0.1',
          PUSH: 'off',
        }),
      ).toEqual({
        ...DEFAULTS,
        VAPID_PUBLIC_KEY: publicKey,
        VAPID_PRIVATE_KEY: privateKey,
        VAPID_SUBJECT: 'https://tandem.example/contact',
        PUSH_SERVICE_HOSTS: ['fcm.googleapis.com', '127.0.0.1'],
        PUSH: 'off',
      });
    });

    it.each<{ name: string; env: Env; problem: RegExp }>([
      { name: 'half a VAPID pair', env: { VAPID_PUBLIC_KEY: publicKey }, problem: /go together/ },
      {
        name: 'a short public key',
        env: { VAPID_PUBLIC_KEY: 'B', VAPID_PRIVATE_KEY: privateKey },
        problem: /^VAPID_PUBLIC_KEY: /,
      },
      {
        name: 'a localhost subject',
        env: { VAPID_SUBJECT: 'https://localhost/' },
        problem: /^VAPID_SUBJECT: /,
      },
      {
        name: 'an http subject',
        env: { VAPID_SUBJECT: 'http://tandem.example/' },
        problem: /^VAPID_SUBJECT: /,
      },
      {
        name: 'a bare address',
        env: { VAPID_SUBJECT: 'me@tandem.example' },
        problem: /^VAPID_SUBJECT: /,
      },
      {
        name: 'a URL as a host',
        env: { PUSH_SERVICE_HOSTS: 'https://fcm.googleapis.com' },
        problem: /^PUSH_SERVICE_HOSTS: /,
      },
      { name: 'PUSH maybe', env: { PUSH: 'maybe' }, problem: /^PUSH: / },
    ])('refuses $name', ({ env, problem }) => {
      expect(problemsOf(env).some((line) => problem.test(line))).toBe(true);
    });
  });

  it('treats an empty TLS pair as no TLS', () => {
    expect(configOf({ TLS_CERT_FILE: '', TLS_KEY_FILE: '' })).toEqual(DEFAULTS);
  });

  it.each<{ name: string; env: Env; problem: RegExp }>([
    { name: 'PORT abc', env: { PORT: 'abc' }, problem: /^PORT: / },
    { name: 'PORT 70000', env: { PORT: '70000' }, problem: /^PORT: / },
    { name: 'PORT 65536', env: { PORT: '65536' }, problem: /^PORT: / },
    { name: 'PORT -1', env: { PORT: '-1' }, problem: /^PORT: / },
    { name: 'PORT 80.5', env: { PORT: '80.5' }, problem: /^PORT: / },
    { name: 'PORT with spaces', env: { PORT: ' 80' }, problem: /^PORT: / },
    { name: 'PORT of six digits', env: { PORT: '000080' }, problem: /^PORT: / },
    { name: 'ROOM_TTL_HOURS 0', env: { ROOM_TTL_HOURS: '0' }, problem: /^ROOM_TTL_HOURS: / },
    { name: 'ROOM_TTL_HOURS -5', env: { ROOM_TTL_HOURS: '-5' }, problem: /^ROOM_TTL_HOURS: / },
    { name: 'ROOM_TTL_HOURS 1e3', env: { ROOM_TTL_HOURS: '1e3' }, problem: /^ROOM_TTL_HOURS: / },
    { name: 'ROOM_TTL_HOURS soon', env: { ROOM_TTL_HOURS: 'soon' }, problem: /^ROOM_TTL_HOURS: / },
    { name: 'STORE redis without REDIS_URL', env: { STORE: 'redis' }, problem: /^STORE: / },
    ...(['sqlite', 'memory'] as const).map((store) => ({
      name: `STORE ${store} with REDIS_URL (a contradiction)`,
      env: { STORE: store, REDIS_URL: 'redis://127.0.0.1:6379' },
      problem: /^STORE: REDIS_URL is set/,
    })),
    ...[
      'http://127.0.0.1:6379',
      '127.0.0.1:6379',
      'redis://',
      'redis',
      'unix:///tmp/redis.sock',
    ].map((url) => ({
      name: `REDIS_URL ${url}`,
      env: { REDIS_URL: url },
      problem: /^REDIS_URL: /,
    })),
    ...['a b', 'tandem{x}:', 'tandem*', 'x'.repeat(65)].map((prefix) => ({
      name: `REDIS_PREFIX ${prefix}`,
      env: { REDIS_PREFIX: prefix },
      problem: /^REDIS_PREFIX: /,
    })),
    { name: 'STORE SQLITE', env: { STORE: 'SQLITE' }, problem: /^STORE: / },
    { name: 'ROOM_MAX_DAYS 0', env: { ROOM_MAX_DAYS: '0' }, problem: /^ROOM_MAX_DAYS: / },
    { name: 'ROOM_MAX_DAYS -1', env: { ROOM_MAX_DAYS: '-1' }, problem: /^ROOM_MAX_DAYS: / },
    {
      name: 'ROOM_MAX_DAYS forever',
      env: { ROOM_MAX_DAYS: 'forever' },
      problem: /^ROOM_MAX_DAYS: /,
    },
    { name: 'SERVE_CLIENT yes', env: { SERVE_CLIENT: 'yes' }, problem: /^SERVE_CLIENT: / },
    { name: 'SERVE_CLIENT 0', env: { SERVE_CLIENT: '0' }, problem: /^SERVE_CLIENT: / },
    { name: 'SERVE_CLIENT TRUE', env: { SERVE_CLIENT: 'TRUE' }, problem: /^SERVE_CLIENT: / },
    { name: 'LOG_LEVEL verbose', env: { LOG_LEVEL: 'verbose' }, problem: /^LOG_LEVEL: / },
    { name: 'LOG_LEVEL INFO', env: { LOG_LEVEL: 'INFO' }, problem: /^LOG_LEVEL: / },
    ...[
      'evil.example',
      'https://a.example/path',
      'ftp://a.example',
      'https://a.example,',
      '*',
      'null',
      'https://user@a.example',
    ].map((list) => ({
      name: `ALLOWED_ORIGINS ${list}`,
      env: { ALLOWED_ORIGINS: list },
      problem: /^ALLOWED_ORIGINS: /,
    })),
    { name: 'TRANSPORTS polling', env: { TRANSPORTS: 'polling' }, problem: /^TRANSPORTS: / },
    { name: 'RATE_LIMITS no', env: { RATE_LIMITS: 'no' }, problem: /^RATE_LIMITS: / },
    { name: 'TRUST_PROXY true', env: { TRUST_PROXY: 'true' }, problem: /^TRUST_PROXY: / },
    { name: 'TRUST_PROXY -1', env: { TRUST_PROXY: '-1' }, problem: /^TRUST_PROXY: / },
    {
      name: 'EVENTS_PER_SECOND 0',
      env: { EVENTS_PER_SECOND: '0' },
      problem: /^EVENTS_PER_SECOND: /,
    },
    {
      name: 'CONNECTIONS_PER_ADDRESS 1.5',
      env: { CONNECTIONS_PER_ADDRESS: '1.5' },
      problem: /^CONNECTIONS_PER_ADDRESS: /,
    },
    {
      name: 'a TLS cert without a key',
      env: { TLS_CERT_FILE: 'cert.pem' },
      problem: /TLS_KEY_FILE/,
    },
    {
      name: 'a TLS key without a cert',
      env: { TLS_KEY_FILE: 'key.pem' },
      problem: /TLS_CERT_FILE/,
    },
    {
      name: 'a TLS cert with an empty key',
      env: { TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: '' },
      problem: /TLS_KEY_FILE/,
    },
  ])('rejects $name', ({ env, problem }) => {
    const problems = problemsOf(env);
    expect(problems.some((p) => problem.test(p))).toBe(true);
  });

  it('reports every bad variable, not just the first', () => {
    const problems = problemsOf({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      ROOM_TTL_HOURS: '0',
      STORE: 'disk',
      ROOM_MAX_DAYS: 'x',
    });
    for (const name of ['PORT', 'LOG_LEVEL', 'ROOM_TTL_HOURS', 'STORE', 'ROOM_MAX_DAYS']) {
      expect(problems.some((p) => p.startsWith(`${name}: `))).toBe(true);
    }
  });
});
