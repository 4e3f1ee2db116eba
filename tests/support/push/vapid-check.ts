import { createPublicKey, verify } from 'node:crypto';

/**
 * Checks an RFC 8292 VAPID `Authorization` header the way a push service does: `vapid t=<JWT>,
 * k=<public key>`, the JWT signed ES256 by that key, its audience the push service's origin, its
 * expiry in the future and at most 24 hours away, a subject present. Returns why it is refused,
 * or null when it is fine.
 */

export interface VapidCheck {
  /** The `k` the request carried (the server's VAPID public key), when the header parsed. */
  readonly publicKey: string | null;
  readonly refusal: string | null;
}

const MAX_EXPIRY_SECONDS = 24 * 60 * 60;

export function checkVapid(
  header: string | undefined,
  audience: string,
  nowMs: number,
): VapidCheck {
  const match = /^vapid t=([A-Za-z0-9_.-]+), ?k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) return { publicKey: null, refusal: 'no vapid authorization' };
  const [, token = '', publicKey = ''] = match;
  return { publicKey, refusal: refusalOf(token, publicKey, audience, nowMs) };
}

function refusalOf(
  token: string,
  publicKey: string,
  audience: string,
  nowMs: number,
): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return 'jwt is not three parts';
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = parseJson(headerPart);
  if (header?.['alg'] !== 'ES256') return 'jwt alg is not ES256';
  const point = Buffer.from(publicKey, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return 'k is not an uncompressed P-256 point';
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = Buffer.from(`${headerPart}.${claimsPart}`, 'latin1');
  const signature = Buffer.from(signaturePart, 'base64url');
  // JWS carries ES256 signatures as raw r||s (IEEE P1363), not DER.
  if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) {
    return 'jwt signature does not verify with k';
  }
  const claims = parseJson(claimsPart);
  if (!claims) return 'jwt claims are not JSON';
  if (claims['aud'] !== audience) return `jwt aud ${String(claims['aud'])} is not ${audience}`;
  const exp = claims['exp'];
  const nowSeconds = Math.floor(nowMs / 1000);
  if (typeof exp !== 'number' || exp <= nowSeconds) return 'jwt expired or without exp';
  if (exp > nowSeconds + MAX_EXPIRY_SECONDS) return 'jwt exp more than 24 hours away';
  if (typeof claims['sub'] !== 'string' || claims['sub'] === '') return 'jwt without sub';
  return null;
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
