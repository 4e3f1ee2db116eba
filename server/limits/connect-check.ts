import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handshakes } from './handshake.ts';

export const CONNECT_CHECK_PATH = '/connect-check';

/**
 * GET /connect-check?origin=<the page's origin>: why the socket's handshake would be refused, so
 * a phone whose WebSocket failed can say why (a browser exposes nothing of a refused upgrade).
 * Answers `{"refused":null}` or `{"refused":"origin_not_allowed"|"too_many_connections"}` and
 * nothing else. It tells no more than trying a WebSocket would: the origin rule and this
 * address's own count. The origin comes in the query because a browser sends no Origin header
 * with a same-origin GET.
 *
 * Returns false for any other request, which the HTTP app then serves.
 */
export function serveConnectCheck(
  checks: Handshakes,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== CONNECT_CHECK_PATH || request.method !== 'GET') return false;
  const origin = url.searchParams.get('origin') ?? request.headers.origin;
  void checks.wouldRefuse(request, origin ?? undefined).then((refused) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.end(JSON.stringify({ refused }));
  });
  return true;
}
