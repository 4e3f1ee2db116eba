import type { Config } from '../config.ts';

/** Which transports the socket accepts. */
export type Transports = readonly ['websocket'] | readonly ['websocket', 'polling'];

/** The numbers behind every limit (README, Configuration). */
export interface LimitNumbers {
  /** Events one connection may send per second, sustained… */
  readonly eventsPerSecond: number;
  /** …and at once after a quiet spell (token bucket: the bucket's size). */
  readonly eventBurst: number;
  /** Connections open at once from one address. */
  readonly connectionsPerAddress: number;
  /** Rooms one address may make in a minute. */
  readonly roomsPerAddressPerMinute: number;
  /** Events one room's log may hold. */
  readonly eventsPerRoom: number;
  /** Rooms the store may hold at once. */
  readonly roomsPerProcess: number;
}

/** Everything the edge of the server decides with: who may connect, how, and how much. */
export interface EdgeSettings {
  /** Origins allowed besides the server's own. */
  readonly allowedOrigins: readonly string[];
  readonly transports: Transports;
  /** Proxies in front whose X-Forwarded-For is believed, counted from the right. */
  readonly trustProxy: number;
  /** null: every limit is off (RATE_LIMITS=off, benchmarks on loopback). */
  readonly limits: LimitNumbers | null;
}

export const DEFAULT_LIMITS: LimitNumbers = {
  eventsPerSecond: 20,
  eventBurst: 40,
  connectionsPerAddress: 50,
  roomsPerAddressPerMinute: 10,
  eventsPerRoom: 20_000,
  roomsPerProcess: 10_000,
};

/**
 * What a server made without settings gets (tests that are not about the edge): its own origin
 * and origin-less clients, both transports, and no limits. main.ts always passes the
 * configuration, whose defaults are strict.
 */
export const PERMISSIVE_EDGE: EdgeSettings = {
  allowedOrigins: [],
  transports: ['websocket', 'polling'],
  trustProxy: 0,
  limits: null,
};

export function edgeSettingsOf(config: Config): EdgeSettings {
  return {
    allowedOrigins: config.ALLOWED_ORIGINS,
    transports: config.TRANSPORTS === 'websocket' ? ['websocket'] : ['websocket', 'polling'],
    trustProxy: config.TRUST_PROXY,
    limits:
      config.RATE_LIMITS === 'off'
        ? null
        : {
            eventsPerSecond: config.EVENTS_PER_SECOND,
            eventBurst: config.EVENT_BURST,
            connectionsPerAddress: config.CONNECTIONS_PER_ADDRESS,
            roomsPerAddressPerMinute: config.ROOMS_PER_ADDRESS_PER_MINUTE,
            eventsPerRoom: config.EVENTS_PER_ROOM,
            roomsPerProcess: config.ROOMS_PER_PROCESS,
          },
  };
}
