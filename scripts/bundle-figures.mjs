// What a phone downloads on first load, read from Vite's build manifest: the entry chunk, every
// chunk it imports statically, and their CSS. Chunks fetched later (import()) are listed apart.
// Pure apart from `readBuild`, which reads dist/; `npm run size` and `npm run bench:client` both
// use this, so their figures agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as z from 'zod/mini';

/** The part of Vite's build manifest this reads: each chunk's file, entry flag, imports, CSS. */
export const Manifest = z.record(
  z.string(),
  z.object({
    file: z.string(),
    isEntry: z.optional(z.boolean()),
    imports: z.optional(z.array(z.string())),
    css: z.optional(z.array(z.string())),
  }),
);

/**
 * The manifest keys the first load fetches: the entries and what they import statically.
 * @param {z.infer<typeof Manifest>} manifest
 * @returns {Set<string>}
 */
export function firstLoadKeys(manifest) {
  /** @type {Set<string>} */
  const seen = new Set();
  /** @param {string} key */
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  Object.keys(manifest)
    .filter((key) => manifest[key]?.isEntry === true)
    .forEach(visit);
  return seen;
}

/**
 * The distinct JS and CSS files of some manifest keys.
 * @param {z.infer<typeof Manifest>} manifest
 * @param {Iterable<string>} keys
 */
function filesOf(manifest, keys) {
  const files = [...keys].flatMap((key) => {
    const chunk = manifest[key];
    return chunk === undefined ? [] : [chunk.file, ...(chunk.css ?? [])];
  });
  const distinct = [...new Set(files)];
  return {
    js: distinct.filter((file) => file.endsWith('.js')),
    css: distinct.filter((file) => file.endsWith('.css')),
  };
}

/**
 * @typedef {{ readonly raw: number, readonly gzip: number }} Size  bytes
 * @typedef {{ readonly file: string } & Size} FileSize
 * @typedef {{
 *   readonly initial: { readonly js: FileSize[], readonly css: FileSize[] },
 *   readonly later: { readonly js: FileSize[], readonly css: FileSize[] },
 *   readonly initialJsGzip: number,
 *   readonly initialCssGzip: number,
 * }} BundleFigures
 */

/**
 * Sizes of the first load and of what is fetched later. A file the first load fetches is never
 * counted as later, even when a lazy chunk lists it too.
 * @param {z.infer<typeof Manifest>} manifest
 * @param {(file: string) => Size} sizeOf
 * @returns {BundleFigures}
 */
export function bundleFigures(manifest, sizeOf) {
  const firstKeys = firstLoadKeys(manifest);
  const first = filesOf(manifest, firstKeys);
  const firstFiles = new Set([...first.js, ...first.css]);
  const rest = filesOf(
    manifest,
    Object.keys(manifest).filter((key) => !firstKeys.has(key)),
  );
  /** @param {string[]} files */
  const sized = (files) => files.map((file) => ({ file, ...sizeOf(file) }));
  /** @param {string[]} files */
  const laterOnly = (files) => sized(files.filter((file) => !firstFiles.has(file)));
  const initial = { js: sized(first.js), css: sized(first.css) };
  /** @param {FileSize[]} files */
  const gzipTotal = (files) => files.reduce((sum, file) => sum + file.gzip, 0);
  return {
    initial,
    later: { js: laterOnly(rest.js), css: laterOnly(rest.css) },
    initialJsGzip: gzipTotal(initial.js),
    initialCssGzip: gzipTotal(initial.css),
  };
}

/**
 * Raw and gzipped size (gzip's default level, what servers commonly use) of some bytes.
 * @param {Uint8Array} bytes
 * @returns {Size}
 */
export const sizeOfBytes = (bytes) => ({ raw: bytes.length, gzip: gzipSync(bytes).length });

/** @param {number} bytes */
export const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/**
 * The figures of the build in `distClient` (dist/client after `npm run build`).
 * @param {string} distClient
 * @returns {BundleFigures}
 */
export function readBuild(distClient) {
  const manifestPath = path.join(distClient, '.vite/manifest.json');
  let text;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch {
    throw new Error(`no build manifest at ${manifestPath}: run "npm run build" first`);
  }
  const manifest = Manifest.parse(JSON.parse(text));
  return bundleFigures(manifest, (file) => sizeOfBytes(readFileSync(path.join(distClient, file))));
}

/**
 * The figures as lines for a terminal.
 * @param {BundleFigures} figures
 * @returns {string[]}
 */
export function describeFigures(figures) {
  /** @param {FileSize} file */
  const line = (file) => `  ${file.file}: ${kb(file.raw)} KB raw, ${kb(file.gzip)} KB gzipped`;
  const later = [...figures.later.js, ...figures.later.css];
  return [
    'first load:',
    ...[...figures.initial.js, ...figures.initial.css].map(line),
    ...(later.length > 0 ? ['fetched later (lazy chunks):', ...later.map(line)] : []),
  ];
}
