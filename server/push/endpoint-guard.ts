/**
 * The server POSTs to URLs a phone gives it, so it must not be made to POST anywhere else
 * (server-side request forgery: an internal address, a metadata service, another site). An
 * endpoint is accepted only when it is https, on the default port, without credentials, on one
 * of the allowed push service hosts or a subdomain of one (matched at a dot: `evilfcm.googleapis
 * .com.example` is not `fcm.googleapis.com`). Plain http is accepted only for a loopback host the
 * list names exactly: a local push service in tests.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isAllowedEndpoint(endpoint: string, allowedHosts: readonly string[]): boolean {
  if (!URL.canParse(endpoint)) return false;
  const url = new URL(endpoint);
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  switch (url.protocol) {
    case 'https:':
      return (
        url.port === '' &&
        !LOOPBACK_HOSTS.has(host) &&
        allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
      );
    case 'http:':
      return LOOPBACK_HOSTS.has(host) && allowedHosts.includes(host);
    default:
      return false;
  }
}

/** The push service's host, which is all the log says of an endpoint (it names a device). */
export function serviceHostOf(endpoint: string): string {
  return URL.canParse(endpoint) ? new URL(endpoint).hostname : 'unknown';
}
