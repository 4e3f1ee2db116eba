import type { BrowserContext } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const BUILD = path.resolve('dist/client');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};

/**
 * With the server down, serves the page and its assets to `context` from the production build,
 * as an offline app shell would (the service worker that will do this on real phones is a later
 * step). The socket is left alone: it fails as it would, so what the phone shows comes from its
 * own copy of the room. Returns the function that stops serving.
 */
export async function serveShellWhileServerIsDown(
  context: BrowserContext,
): Promise<() => Promise<void>> {
  const matcher = (url: URL) => !url.pathname.startsWith('/socket.io/');
  await context.route(matcher, async (route) => {
    const { pathname } = new URL(route.request().url());
    const file = pathname === '/' ? 'index.html' : pathname.slice(1);
    const resolved = path.resolve(BUILD, file);
    if (!resolved.startsWith(BUILD + path.sep)) {
      await route.fulfill({ status: 404 });
      return;
    }
    try {
      const body = await readFile(resolved);
      const type = TYPES[path.extname(resolved)] ?? 'application/octet-stream';
      await route.fulfill({ status: 200, body, contentType: type });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
  return () => context.unroute(matcher);
}
