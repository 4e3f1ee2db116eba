/** What a handshake's Origin header says about who opens the socket. */
export type OriginVerdict =
  /** A page of this server, or of an origin ALLOWED_ORIGINS names. */
  | 'allowed'
  /**
   * No Origin header: not a browser (a browser always sends one with a WebSocket handshake or a
   * cross-origin request). Accepted: cross-site WebSocket hijacking needs a victim's browser,
   * and a program can write any Origin it likes, so refusing it would stop nobody. Such clients
   * still meet every limit.
   */
  | 'no_origin'
  | 'refused';

export interface HandshakeOrigin {
  /** The Origin header as sent (`null` is what a sandboxed page or a file sends: refused). */
  readonly origin: string | undefined;
  /** The Host the request was addressed to. */
  readonly host: string | undefined;
  /** The scheme the browser used: `https` behind TLS here or at a trusted proxy. */
  readonly scheme: 'http' | 'https';
  readonly allowed: readonly string[];
}

/**
 * Same origin means the same scheme, host and port as the address the page reached this server
 * at (default ports folded, as URL does); otherwise the origin must be on the allowlist. The
 * comparison is of parsed origins, never of strings that merely start alike.
 */
export function judgeOrigin({ origin, host, scheme, allowed }: HandshakeOrigin): OriginVerdict {
  if (origin === undefined) return 'no_origin';
  const asked = originOf(origin);
  if (asked === null) return 'refused';
  const own = host === undefined ? null : originOf(`${scheme}://${host}`);
  if (own !== null && asked === own) return 'allowed';
  return allowed.includes(asked) ? 'allowed' : 'refused';
}

function originOf(text: string): string | null {
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin;
}
