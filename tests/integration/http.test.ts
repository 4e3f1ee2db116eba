import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { TandemApp } from '../../server/app.ts';
import { createHttpApp } from '../../server/http/express-app.ts';
import { PERMISSIONS_POLICY } from '../../server/http/security-headers.ts';
import { MemoryRoomStore } from '../../server/store/memory-store.ts';
import { selfSignedCertificate } from '../support/self-signed-cert.ts';
import type { TestCertificate } from '../support/self-signed-cert.ts';

/** The HTTP side of the real server: the page it serves and the headers it serves it with. */

let buildDir = '';
let app: TandemApp | null = null;
let certificate: TestCertificate;

beforeAll(() => {
  // A stand-in for the client's production build: a page and one hashed asset.
  buildDir = mkdtempSync(path.join(tmpdir(), 'tandem-build-'));
  writeFileSync(path.join(buildDir, 'index.html'), '<!doctype html><title>Tandem</title>');
  mkdirSync(path.join(buildDir, 'assets'));
  writeFileSync(path.join(buildDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  certificate = selfSignedCertificate();
});

afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
});

afterEach(async () => {
  await app?.close();
  app = null;
});

async function serve(tls?: TestCertificate): Promise<string> {
  app = createApp(
    { store: new MemoryRoomStore() },
    {
      staticDir: buildDir,
      lifetime: { idleMs: 60_000, maxAgeMs: 600_000 },
      ...(tls === undefined ? {} : { tls }),
    },
  );
  const address = await app.listen(0, '127.0.0.1');
  return `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${String(address.port)}`;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** GET over TLS, trusting only the test's own certificate (fetch cannot be given a CA). */
function getOverTls(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { ca: certificate.cert }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        resolve({
          status: response.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

async function get(url: string): Promise<Answer> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The policy as directive → sources, so its wording (spacing, order) does not matter. */
function policyOf(headers: Headers): Record<string, string[]> {
  const header = headers.get('content-security-policy') ?? '';
  const entries = header
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0] !== undefined && words[0] !== '')
    .map(([name = '', ...sources]): [string, string[]] => [name, sources]);
  return Object.fromEntries(entries);
}

const STRICT_POLICY = {
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

/** The headers every answer carries, page, asset, health check or error alike. */
function expectHardened({ headers }: Answer): void {
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
  expect(headers.get('permissions-policy')).toContain('camera=()');
  expect(headers.get('x-xss-protection')).toBe('0');
  expectNoFingerprint(headers);
}

/** Nothing says which server, framework or version answered. */
function expectNoFingerprint(headers: Headers): void {
  expect(headers.get('x-powered-by')).toBeNull();
  expect(headers.get('server')).toBeNull();
  for (const [name, value] of headers) {
    expect(`${name}: ${value}`).not.toMatch(/express|helmet|node|socket\.io/i);
  }
}

describe('the HTTP side', () => {
  it('serves the page with a strict policy: own origin only, no inline script, no framing, no referrer', async () => {
    const page = await get(`${await serve()}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Tandem</title>');
    expect(policyOf(page.headers)).toEqual(STRICT_POLICY);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe|\*/);
    expectHardened(page);
    // Plain HTTP: no HSTS (a browser ignores it there anyway) and no upgrade of requests.
    expect(page.headers.get('strict-transport-security')).toBeNull();
    // The page is always revalidated, so a new deploy reaches phones.
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets phones keep hashed assets, under the same policy', async () => {
    const asset = await get(`${await serve()}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(policyOf(asset.headers)).toEqual(STRICT_POLICY);
    expectHardened(asset);
  });

  it('answers the health check with only that it is up, never cached', async () => {
    const health = await get(`${await serve()}/healthz`);
    expect(health.status).toBe(200);
    expect(health.body).toBe('{"status":"ok"}');
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(health.headers.get('etag')).toBeNull();
    expectHardened(health);
  });

  it('answers a missing page, a malformed URL and a failing one with a typed error, never the framework’s page', async () => {
    const base = await serve();
    for (const route of ['/no/such/page', '/assets/%E0%A4%A']) {
      const missing = await get(`${base}${route}`);
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { code: 'not_found' } });
      expectHardened(missing);
    }
    // The page vanishing under a running server makes express fail the request itself.
    rmSync(path.join(buildDir, 'index.html'));
    try {
      const failed = await get(`${base}/`);
      expect(failed.status).toBe(404);
      expect(JSON.parse(failed.body)).toEqual({ ok: false, error: { code: 'not_found' } });
      expect(failed.body).not.toMatch(/<|ENOENT|at /);
      expectHardened(failed);
    } finally {
      writeFileSync(path.join(buildDir, 'index.html'), '<!doctype html><title>Tandem</title>');
    }
  });

  it('over TLS adds HSTS and upgrades the page’s requests, with the same strict policy', async () => {
    const base = await serve(certificate);
    expect(base.startsWith('https://')).toBe(true);
    for (const route of ['/', '/healthz']) {
      const answer = await getOverTls(`${base}${route}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(policyOf(answer.headers)).toEqual({
        ...STRICT_POLICY,
        'upgrade-insecure-requests': [],
      });
      expectHardened(answer);
    }
    expect((await getOverTls(`${base}/healthz`)).body).toBe('{"status":"ok"}');
  });

  it('allows the page’s own inline <style> by its hash, and no other inline style', async () => {
    const css = 'body{margin:0}';
    writeFileSync(path.join(buildDir, 'index.html'), `<!doctype html><style>${css}</style>`);
    try {
      const origin = await serve();
      const page = await get(`${origin}/`);
      const hash = createHash('sha256').update(css).digest('base64');
      expect(policyOf(page.headers)).toEqual({
        ...STRICT_POLICY,
        'style-src': ["'self'", `'sha256-${hash}'`],
      });
      expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe|\*/);
      // Every answer carries the same policy, so a page the service worker kept from it does too.
      const asset = await get(`${origin}/assets/index-abc123.js`);
      expect(asset.headers.get('content-security-policy')).toBe(
        page.headers.get('content-security-policy'),
      );
    } finally {
      writeFileSync(path.join(buildDir, 'index.html'), '<!doctype html><title>Tandem</title>');
    }
  });

  it('refuses to start without a client build, saying how to make one', () => {
    expect(() => createHttpApp(path.join(buildDir, 'missing'))).toThrow('npm run build');
  });
});
