import { pino } from 'pino';

/**
 * Structured logs: pino, one JSON object per line, with levels. Callers pass operational facts
 * only (what happened, counts, error codes, a seat number). A room is named by its tag
 * (room-tag.ts), never by its id; secrets, proofs and content never reach a log at all. Two nets
 * keep it so: the field type refuses the names that would carry them, and pino redacts the same
 * names wherever they appear, should a value ever slip through untyped.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field names that would carry a secret, content or a room's identity. */
export const FORBIDDEN_LOG_FIELDS = [
  'roomId',
  'roomSecret',
  'secret',
  'memberId',
  'memberSecret',
  'secretHash',
  'proof',
  'joinProof',
  'nonce',
  'incarnation',
  'ciphertext',
  'envelope',
  'envelopes',
  'payload',
  'sealed',
  'key',
  'until',
] as const;
type ForbiddenField = (typeof FORBIDDEN_LOG_FIELDS)[number];

type Scalar = string | number | boolean | undefined;
export type LogFields = Readonly<Record<string, Scalar>> & {
  readonly [K in ForbiddenField]?: never;
};

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export const REDACTED = '[redacted]';

/** The forbidden names at the top level and one level down (where a nested object would put them). */
export const REDACT_PATHS: readonly string[] = FORBIDDEN_LOG_FIELDS.flatMap((name) => [
  name,
  `*.${name}`,
]);

/**
 * A logger at `level`. Lines go to `write` (without their newline) when given, as tests capture
 * them; otherwise synchronously to stdout, so the last lines before an exit are not lost.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination =
    write === undefined
      ? pino.destination({ dest: 1, sync: true })
      : { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) };
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Levels by name ("info"), not pino's numbers: easier to read and to filter.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    destination,
  );
  return {
    debug: (msg, fields = {}) => logger.debug(fields, msg),
    info: (msg, fields = {}) => logger.info(fields, msg),
    warn: (msg, fields = {}) => logger.warn(fields, msg),
    error: (msg, fields = {}) => logger.error(fields, msg),
  };
}

export const silentLogger: Logger = createLogger('silent', () => undefined);
