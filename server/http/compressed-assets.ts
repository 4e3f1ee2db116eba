import type { RequestHandler } from 'express';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

/**
 * The built client's hashed assets, compressed: a phone on a slow network downloads ~30% of the
 * bytes (the first-load JavaScript budget is counted gzipped). Each asset is compressed once, on
 * its first request, and kept: hashed names never change content, and the build is small. Anything
 * it does not handle (other types, missing files, no accepted encoding) falls through to
 * express.static.
 */
export type Encoding = 'br' | 'gzip';

const TYPES: ReadonlyMap<string, string> = new Map([
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.json', 'application/json; charset=utf-8'],
]);
/** Vite's asset names: no directories, nothing that could climb out of the assets folder. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** The best encoding a request's Accept-Encoding allows (q=0 refuses one), if any. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, ...params]) => !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param)))
      .map(([name]) => name?.trim() ?? ''),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => promisify(gzip)(data, { level: 9 }),
};

export function compressedAssets(assetsDir: string): RequestHandler {
  const cache = new Map<string, Promise<Buffer | null>>();
  const compressed = (name: string, encoding: Encoding): Promise<Buffer | null> => {
    const key = `${encoding}:${name}`;
    let entry = cache.get(key);
    if (entry === undefined) {
      entry = readFile(path.join(assetsDir, name)).then(compressors[encoding], () => null);
      cache.set(key, entry);
    }
    return entry;
  };
  return (request, response, next) => {
    const name = request.path.slice(1);
    const type = TYPES.get(path.extname(name));
    const encoding = pickEncoding(request.get('accept-encoding'));
    if ((request.method !== 'GET' && request.method !== 'HEAD') || type === undefined) {
      next();
      return;
    }
    response.vary('Accept-Encoding');
    if (encoding === null || !ASSET_NAME.test(name)) {
      next();
      return;
    }
    compressed(name, encoding).then(
      (body) => {
        if (body === null) {
          next();
          return;
        }
        response
          .set({
            'Content-Type': type,
            'Content-Encoding': encoding,
            'Cache-Control': 'public, max-age=31536000, immutable',
          })
          .end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        next(error);
      },
    );
  };
}
