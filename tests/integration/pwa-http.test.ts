import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { TandemApp } from '../../server/app.ts';
import { MemoryRoomStore } from '../../server/store/memory-store.ts';

/** How the server serves what makes the app installable: no HTTP cache keeps the worker. */

let buildDir = '';
let app: TandemApp | null = null;

beforeAll(() => {
  buildDir = mkdtempSync(path.join(tmpdir(), 'tandem-build-'));
  writeFileSync(path.join(buildDir, 'index.html'), '<!doctype html><title>Tandem</title>');
  writeFileSync(path.join(buildDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(path.join(buildDir, 'manifest.webmanifest'), '{"name":"Tandem"}');
  writeFileSync(path.join(buildDir, 'icon-192.png'), 'png');
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

describe('serving the installable app', () => {
  it.each([
    ['/sw.js', 'javascript'],
    ['/manifest.webmanifest', 'application/manifest+json'],
  ])('%s is always revalidated and typed %s', async (file, type) => {
    const response = await fetch(`${await serve()}${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-type')).toContain(type);
    expect(response.headers.get('content-security-policy')).toContain("manifest-src 'self'");
  });

  it('leaves other public files as they were', async () => {
    const response = await fetch(`${await serve()}/icon-192.png`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=0');
  });
});
