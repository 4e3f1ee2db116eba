import { request as httpRequest } from 'node:http';
import { io } from 'socket.io-client';
import type { ClientSocket } from '../support/client.ts';
import { DEFAULT_LIMITS } from '../../../server/limits/settings.ts';
import type { EdgeSettings, LimitNumbers } from '../../../server/limits/settings.ts';

/** What main.ts makes of an empty environment: strict. */
export const STRICT_EDGE: EdgeSettings = {
  allowedOrigins: [],
  transports: ['websocket'],
  trustProxy: 0,
  limits: DEFAULT_LIMITS,
};

export const withLimits = (limits: Partial<LimitNumbers>, edge: Partial<EdgeSettings> = {}) =>
  ({ ...STRICT_EDGE, ...edge, limits: { ...DEFAULT_LIMITS, ...limits } }) satisfies EdgeSettings;

export interface Attempt {
  readonly transports?: ('websocket' | 'polling')[];
  readonly headers?: Record<string, string>;
}

export type Outcome =
  | { readonly status: 'connected'; readonly socket: ClientSocket }
  | { readonly status: 'refused'; readonly error: Error };

/** One connection attempt, no reconnection: it connects, or its handshake is refused. */
export function attempt(url: string, { transports, headers }: Attempt = {}): Promise<Outcome> {
  const socket: ClientSocket = io(url, {
    transports: transports ?? ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(headers === undefined ? {} : { extraHeaders: headers }),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.off('connect_error');
      resolve({ status: 'connected', socket });
    });
    socket.once('connect_error', (error) => {
      socket.off('connect');
      socket.close();
      resolve({ status: 'refused', error });
    });
  });
}

/** A raw WebSocket upgrade request: the status and body a refused one gets. */
export function rawUpgrade(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const target = new URL('/socket.io/?EIO=4&transport=websocket', url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(target, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    request.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, body: '' });
    });
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
      response.once('error', reject);
    });
    request.once('error', (error) => {
      // engine.io answers and destroys the socket: the answer may be cut short, never missing.
      reject(error);
    });
    request.end();
  });
}
