import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { clientAddress } from './client-address.ts';
import type { EdgeLimiters } from './limiters.ts';
import { take } from './limiters.ts';
import { judgeOrigin } from './origin.ts';
import type { EdgeSettings } from './settings.ts';

/**
 * Why a handshake was refused. The code is the whole message of engine.io's refusal: HTTP 403
 * `{"code":4,"message":"<refusal>"}` to a polling handshake, HTTP 400 with `<refusal>` as its body
 * to a WebSocket upgrade. A browser cannot read either (a failed upgrade is only an error event),
 * so the phone asks GET /connect-check why (connect-check.ts).
 */
export type HandshakeRefusal = 'origin_not_allowed' | 'too_many_connections';

/** socket.io's `allowRequest`. */
export type AllowRequest = (
  request: IncomingMessage,
  callback: (error: string | null | undefined, success: boolean) => void,
) => void;

export interface Handshakes {
  readonly allowRequest: AllowRequest;
  /**
   * The engine.io connection made from an allowed handshake: its address's connection is given
   * back when it closes.
   */
  readonly connected: (request: IncomingMessage, onClose: (release: () => void) => void) => void;
  /** The address this request counts against. */
  readonly addressOf: (request: IncomingMessage) => string;
  /** Why a handshake like this one would be refused now, or null: for /connect-check. */
  readonly wouldRefuse: (
    request: IncomingMessage,
    origin: string | undefined,
  ) => Promise<HandshakeRefusal | null>;
}

export function handshakes(settings: EdgeSettings, limiters: EdgeLimiters | null): Handshakes {
  const addressOf = (request: IncomingMessage): string =>
    clientAddress(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      settings.trustProxy,
    );
  const originAllowed = (request: IncomingMessage, origin: string | undefined): boolean =>
    judgeOrigin({
      origin,
      host: request.headers.host,
      scheme: schemeOf(request, settings.trustProxy),
      allowed: settings.allowedOrigins,
    }) !== 'refused';

  /** Releases of connections counted at their handshake, until engine.io takes them over. */
  const pending = new WeakMap<IncomingMessage, () => void>();

  const allowRequest: AllowRequest = (request, callback) => {
    if (!originAllowed(request, request.headers.origin)) {
      callback('origin_not_allowed' satisfies HandshakeRefusal, false);
      return;
    }
    if (limiters === null) {
      callback(null, true);
      return;
    }
    const address = addressOf(request);
    void take(limiters.connections, address).then((free) => {
      if (!free) {
        // The limiter counts a refused point as consumed too; this one never became a connection.
        void limiters.connections.reward(address, 1).catch(() => undefined);
        callback('too_many_connections' satisfies HandshakeRefusal, false);
        return;
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        void limiters.connections.reward(address, 1).catch(() => undefined);
      };
      pending.set(request, release);
      // A handshake that never becomes a connection (the upgrade failed) gives its place back
      // when its socket closes; one that does is released by the connection's close instead.
      request.socket.once('close', () => {
        if (pending.get(request) === release) release();
      });
      callback(null, true);
    });
  };

  return {
    allowRequest,
    addressOf,
    connected: (request, onClose) => {
      const release = pending.get(request);
      if (release === undefined) return;
      pending.delete(request);
      onClose(release);
    },
    wouldRefuse: async (request, origin) => {
      if (!originAllowed(request, origin)) return 'origin_not_allowed';
      if (limiters === null) return null;
      const state = await limiters.connections.get(addressOf(request)).catch(() => null);
      const used = state?.consumedPoints ?? 0;
      return used >= limiters.numbers.connectionsPerAddress ? 'too_many_connections' : null;
    },
  };
}

/** The scheme the client used: TLS here, or what the nearest trusted proxy says it received. */
function schemeOf(request: IncomingMessage, trustProxy: number): 'http' | 'https' {
  if (request.socket instanceof TLSSocket) return 'https';
  if (trustProxy === 0) return 'http';
  const forwarded = request.headers['x-forwarded-proto'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .at(-1)
    ?.trim()
    .toLowerCase();
  return last === 'https' ? 'https' : 'http';
}
