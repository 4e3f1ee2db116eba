import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { createLogger } from './log.ts';
import { MemoryRoomStore } from './store/memory-store.ts';

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

const app = createApp(
  { store: new MemoryRoomStore(), logger: log },
  {
    staticDir: config.SERVE_CLIENT === 'true' ? config.STATIC_DIR : null,
    roomTtlMs: config.ROOM_TTL_HOURS * 60 * 60 * 1000,
    ...(tls === undefined ? {} : { tls }),
  },
);

const address = await app.listen(config.PORT, config.HOST);
const shownHost = ['0.0.0.0', '::'].includes(address.address) ? 'localhost' : address.address;
const url = `${tls === undefined ? 'http' : 'https'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`;
log.info('listening', { url, store: 'memory' });

const shutdown = (signal: string) => {
  log.info('shutting down', { signal });
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
