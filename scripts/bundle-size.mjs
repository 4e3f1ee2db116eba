// `npm run size`: gzipped JavaScript a phone downloads on first load (after `npm run build`),
// beside the budget, at gzip's default level (what servers commonly use). The first load is the
// entry chunk and every chunk it imports statically, read from Vite's build manifest; chunks
// fetched later (import()) are listed apart. Prints figures only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as z from 'zod/mini';

/** The part of Vite's build manifest this reads: each chunk's file, entry flag, static imports. */
const Manifest = z.record(
  z.string(),
  z.object({
    file: z.string(),
    isEntry: z.optional(z.boolean()),
    imports: z.optional(z.array(z.string())),
  }),
);

const BUDGET_KB = 120;
const dist = path.resolve('dist/client');
const manifestPath = path.join(dist, '.vite/manifest.json');
/** @returns {string} */
const readManifest = () => {
  try {
    return readFileSync(manifestPath, 'utf8');
  } catch {
    throw new Error(`no build manifest at ${manifestPath}: run "npm run build" first`);
  }
};
const manifest = Manifest.parse(JSON.parse(readManifest()));

/**
 * The manifest keys reachable from `keys` through static imports.
 * @param {string[]} keys
 */
function staticClosure(keys) {
  const seen = new Set();
  /** @param {string} key */
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return seen;
}

const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
const firstLoad = staticClosure(entries);
/** @param {Iterable<string>} keys */
const jsOf = (keys) =>
  [...new Set([...keys].map((key) => manifest[key]?.file ?? ''))].filter((file) =>
    file.endsWith('.js'),
  );
const later = jsOf(Object.keys(manifest).filter((key) => !firstLoad.has(key)));

/** @param {string} file */
const gzippedKB = (file) => {
  const raw = readFileSync(path.join(dist, file));
  const gzipped = gzipSync(raw).length;
  console.log(
    `  ${file}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped`,
  );
  return gzipped / 1024;
};

console.log('first load:');
const total = jsOf(firstLoad).reduce((sum, file) => sum + gzippedKB(file), 0);
if (later.length > 0) {
  console.log('fetched later:');
  later.forEach(gzippedKB);
}
console.log(`first-load JavaScript: ${total.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
