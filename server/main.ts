import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { edgeSettingsOf } from './limits/settings.ts';
import { pushSettingsOf } from './push/settings.ts';
import { createLogger } from './log.ts';
import { RedisUnreachableError } from './scale/redis-links.ts';
import { openScaleOut } from './scale/scale-out.ts';
import { openStore } from './store/open-store.ts';
import { StoreOpenError } from './store/sqlite/open.ts';

const HOUR_MS = 60 * 60 * 1000;

const result = readConfig(process.env);
if (!result.ok) {
  process.stderr.write(`Invalid configuration:\n  ${result.problems.join('\n  ')}\n`);
  process.exit(1);
}
const { config } = result;
const log = createLogger(config.LOG_LEVEL);
const tls =
  config.TLS_CERT_FILE !== undefined && config.TLS_KEY_FILE !== undefined
    ? { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) }
    : undefined;

let store;
try {
  store = await openStore(config, log);
} catch (error) {
  // A store that cannot be opened (a SQLite file, a Redis that does not answer) stops the server
  // at once, with one line that says where and why.
  if (!(error instanceof StoreOpenError)) throw error;
  process.stderr.write(`Tandem cannot start: ${error.message}\n`);
  process.exit(1);
}

const lifetime = {
  idleMs: config.ROOM_TTL_HOURS * HOUR_MS,
  maxAgeMs: config.ROOM_MAX_DAYS * 24 * HOUR_MS,
};

// With REDIS_URL this process is one of several on that Redis (server/scale/): the socket.io
// adapter, presence turns and limits by address go through it as well as the store.
let scale;
if (config.REDIS_URL !== undefined) {
  try {
    scale = await openScaleOut({
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      roomMaxAgeMs: lifetime.maxAgeMs,
    });
  } catch (error) {
    if (!(error instanceof RedisUnreachableError)) throw error;
    await store.close();
    process.stderr.write(`Tandem cannot start: ${error.message}\n`);
    process.exit(1);
  }
}

const app = createApp(
  { store, logger: log, ...(scale === undefined ? {} : { scale }) },
  {
    staticDir: config.SERVE_CLIENT === 'true' ? config.STATIC_DIR : null,
    lifetime,
    ...(tls === undefined ? {} : { tls }),
    edge: edgeSettingsOf(config),
    ...(config.PUSH === 'off' ? {} : { push: pushSettingsOf(config) }),
  },
);

/**
 * Caught before the server listens, so a signal that comes the moment it says `listening` (a
 * supervisor or a test that waits for that line) still drains rather than kills it.
 * SIGTERM and SIGINT drain: new connections are refused, requests already received are answered
 * (what was acknowledged is on disk), then the connections and the database close. A second
 * signal is not caught, so it stops the process at once.
 */
const shutdown = (signal: string) => {
  log.info('shutting down', { signal });
  app.close().then(
    () => {
      log.info('shut down', { signal });
      process.exit(0);
    },
    (error: unknown) => {
      log.error('shutdown failed', { error: String(error) });
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => {
  shutdown('SIGINT');
});
process.once('SIGTERM', () => {
  shutdown('SIGTERM');
});

const address = await app.listen(config.PORT, config.HOST);
const shownHost = ['0.0.0.0', '::'].includes(address.address) ? 'localhost' : address.address;
const url = `${tls === undefined ? 'http' : 'https'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`;
log.info('listening', {
  url,
  store: config.STORE,
  processes: scale === undefined ? 'one' : 'redis',
});
