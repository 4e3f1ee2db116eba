import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compressedAssets } from './compressed-assets.ts';
import { securityHeaders } from './security-headers.ts';

/**
 * The HTTP side: the phone UI's production build and a health check. It takes no request bodies;
 * everything a phone says goes over the socket, where it is validated.
 */
export function createHttpApp(staticDir: string | null): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);

  app.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ ok: true });
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
    app.use(express.static(root, { index: false, maxAge: 0 }));
    app.get('/', (_request, response) => {
      response.set('Cache-Control', 'no-cache').sendFile(indexHtml);
    });
  }

  app.use((_request, response) => {
    response.status(404).json({ ok: false, error: { code: 'not_found' } });
  });
  return app;
}
