import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';

/**
 * A strict policy for a page that handles secrets in its URL fragment: nothing but this origin,
 * no inline script, no framing, no referrer. QR codes are drawn as data: images (client/src/ui/
 * qr.ts); blob: is allowed for images made in the page. The service worker and the web manifest
 * come from this origin too. The policy is the same for every response, so a page served from the
 * service worker's cache carries it as well.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
};

/** Powerful features the page never uses, switched off for it and anything it could embed. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** A year: how long a browser that once reached Tandem over TLS refuses plain HTTP to it. */
const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * helmet's options for one response. `secure` is whether the request came over TLS: HSTS (and
 * upgrading the page's own requests) only make sense there, and on plain `http://localhost`,
 * which Web Crypto also accepts, they would only get in the way.
 */
export function helmetOptions(secure: boolean, styleHashes: readonly string[] = []): HelmetOptions {
  const directives: Record<string, Iterable<string>> = { ...CSP_DIRECTIVES };
  directives['style-src'] = [...(CSP_DIRECTIVES['style-src'] ?? []), ...styleHashes];
  if (secure) directives['upgrade-insecure-requests'] = [];
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: secure ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    xPoweredBy: true,
  };
}

/**
 * helmet's headers, with HSTS on TLS requests only, and the Permissions-Policy helmet lacks.
 * `styleHashes` allow the page's own inline <style> elements (inline-style-hashes.ts).
 */
export function securityHeaders(styleHashes: readonly string[] = []): RequestHandler {
  const overTls = helmet(helmetOptions(true, styleHashes));
  const plain = helmet(helmetOptions(false, styleHashes));
  return (request, response, next) => {
    response.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    // `secure` is true for a TLS socket (and, only if express is told to trust a proxy, for a
    // request the proxy says came over https).
    (request.secure ? overTls : plain)(request, response, next);
  };
}
