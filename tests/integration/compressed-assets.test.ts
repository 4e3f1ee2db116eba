import express from 'express';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressedAssets, pickEncoding } from '../../server/http/compressed-assets.ts';

describe('pickEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['BR;q=1.0, gzip;q=0.5', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0', null],
    ['*', 'gzip'],
    ['deflate', null],
  ] as const)('%j → %j', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });

  it('only ever answers an encoding the header names (or * allows)', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const picked = pickEncoding(header);
        if (picked !== null) expect(header.toLowerCase()).toMatch(new RegExp(`${picked}|\\*`));
      }),
    );
  });
});

describe('compressed assets', () => {
  const script = `export const big = ${JSON.stringify('tandem '.repeat(2000))};\n`;
  let dir = '';
  let server: Server | null = null;
  let base = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tandem-assets-'));
    writeFileSync(path.join(dir, 'index-abc123.js'), script);
    writeFileSync(path.join(dir, 'notes.txt'), 'not compressed here');
    const app = express();
    app.use('/assets', compressedAssets(dir));
    app.use('/assets', express.static(dir));
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    server = listening;
    base = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}/assets`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  // node:http's request does not decompress, so the bytes on the wire are what is checked.
  const raw = async (name: string, acceptEncoding: string) => {
    const { request } = await import('node:http');
    return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${base}/${name}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({ headers: response.headers, body: Buffer.concat(chunks) });
        });
      })
        .on('error', reject)
        .end();
    });
  };

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('sends %s when asked, smaller and byte-for-byte the asset', async (name, decode) => {
    const { headers, body } = await raw('index-abc123.js', name);
    expect(headers['content-encoding']).toBe(name);
    expect(headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(headers.vary).toBe('Accept-Encoding');
    expect(headers['cache-control']).toContain('immutable');
    expect(body.length).toBeLessThan(script.length / 10);
    expect(decode(body).toString()).toBe(script);
  });

  it('leaves other requests to express.static', async () => {
    const plain = await raw('index-abc123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    const other = await raw('notes.txt', 'gzip');
    expect(other.headers['content-encoding']).toBeUndefined();
    expect((await raw('missing-1.js', 'gzip')).headers['content-encoding']).toBeUndefined();
    expect((await raw('..%2Fescape.js', 'gzip')).headers['content-encoding']).toBeUndefined();
  });
});
