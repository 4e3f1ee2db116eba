import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { TandemApp } from '../../server/app.ts';
import { createHttpApp } from '../../server/http/express-app.ts';
import { MemoryRoomStore } from '../../server/store/memory-store.ts';

/** The HTTP side of the real server: the page it serves and the headers it serves it with. */

let buildDir = '';
let app: TandemApp | null = null;

beforeAll(() => {
  // A stand-in for the client's production build: a page and one hashed asset.
  buildDir = mkdtempSync(path.join(tmpdir(), 'tandem-build-'));
  writeFileSync(path.join(buildDir, 'index.html'), '<!doctype html><title>Tandem</title>');
  mkdirSync(path.join(buildDir, 'assets'));
  writeFileSync(path.join(buildDir, 'assets', 'index-abc123.js'), 'console.log(1)');
});

afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
});

afterEach(async () => {
  await app?.close();
  app = null;
});

async function serve(): Promise<string> {
  app = createApp(
    { store: new MemoryRoomStore() },
    { staticDir: buildDir, lifetime: { idleMs: 60_000, maxAgeMs: 600_000 } },
  );
  const address = await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${String(address.port)}`;
}

describe('the HTTP side', () => {
  it('serves the page with a strict policy: own origin only, no framing, no referrer', async () => {
    const response = await fetch(`${await serve()}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Tandem</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // The page is always revalidated, so a new deploy reaches phones.
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets phones keep hashed assets, under the same policy', async () => {
    const response = await fetch(`${await serve()}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers the health check and a typed 404, with no internals', async () => {
    const base = await serve();
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    expect(health.headers.get('cache-control')).toBe('no-store');
    const missing = await fetch(`${base}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses to start without a client build, saying how to make one', () => {
    expect(() => createHttpApp(path.join(buildDir, 'missing'))).toThrow('npm run build');
  });
});
