import express from 'express';
import type { ErrorRequestHandler } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { compressedAssets } from './compressed-assets.ts';
import { inlineStyleHashes } from './inline-style-hashes.ts';
import { securityHeaders } from './security-headers.ts';

/** What /healthz answers: that the process is up, and nothing about what it holds. */
export const HEALTH_BODY = { status: 'ok' } as const;

/**
 * The service worker and the manifest are how an installed app learns of a new version, so no
 * HTTP cache may keep them; everything they list is precached by the worker and versioned by it.
 */
function pwaHeaders(response: ServerResponse, filePath: string): void {
  switch (path.basename(filePath)) {
    case 'sw.js':
      response.setHeader('Cache-Control', 'no-cache');
      break;
    case 'manifest.webmanifest':
      response.setHeader('Cache-Control', 'no-cache');
      response.setHeader('Content-Type', 'application/manifest+json; charset=utf-8');
      break;
    default:
      break;
  }
}

/**
 * The HTTP side: the phone UI's production build and a health check. It takes no request bodies;
 * everything a phone says goes over the socket, where it is validated.
 */
export function createHttpApp(staticDir: string | null): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // JSON answers are never cached, so they need no ETag (whose shape names the framework). Files
  // keep theirs, for revalidating the page.
  app.set('etag', false);
  app.use(securityHeaders(staticDir === null ? [] : pageStyleHashes(staticDir)));

  app.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json(HEALTH_BODY);
  });

  if (staticDir !== null) {
    const root = path.resolve(staticDir);
    const indexHtml = path.join(root, 'index.html');
    if (!existsSync(indexHtml)) {
      throw new Error(`no client build at ${root}: run "npm run build" first`);
    }
    // Hashed asset names never change content, so phones may keep them; the page itself is always
    // revalidated so a new deploy reaches them.
    app.use('/assets', compressedAssets(path.join(root, 'assets')));
    app.use(
      '/assets',
      express.static(path.join(root, 'assets'), { immutable: true, maxAge: '1y', index: false }),
    );
    app.use(express.static(root, { index: false, maxAge: 0, setHeaders: pwaHeaders }));
    app.get('/', (_request, response) => {
      response.set('Cache-Control', 'no-cache').sendFile(indexHtml);
    });
  }

  app.use((_request, response) => {
    response.status(404).json({ ok: false, error: { code: 'not_found' } });
  });
  app.use(answerErrors);
  return app;
}

/** The hashes of the built page's inline styles; none when there is no build yet (said below). */
function pageStyleHashes(staticDir: string): string[] {
  const indexHtml = path.join(path.resolve(staticDir), 'index.html');
  return existsSync(indexHtml) ? inlineStyleHashes(readFileSync(indexHtml, 'utf8')) : [];
}

/**
 * Express's own error page is HTML naming the framework, with a stack trace unless NODE_ENV is
 * "production". A request that fails (a file that vanished under the server, say) gets a typed
 * JSON error instead.
 */
const answerErrors: ErrorRequestHandler = (error: unknown, _request, response, next) => {
  if (response.headersSent) {
    next(error);
    return;
  }
  const status = statusOf(error);
  const code = status === 404 ? 'not_found' : status < 500 ? 'bad_request' : 'internal';
  response.status(status).json({ ok: false, error: { code } });
};

function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
