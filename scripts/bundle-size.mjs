// `npm run size`: gzipped JavaScript a phone downloads on first load (after `npm run build`),
// beside the budget, at gzip's default level (what servers commonly use). Prints figures only.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 120;
const assets = path.resolve('dist/client/assets');
const files = readdirSync(assets).filter((name) => name.endsWith('.js'));
if (files.length === 0) throw new Error('no built JavaScript: run "npm run build" first');

let total = 0;
for (const name of files) {
  const raw = readFileSync(path.join(assets, name));
  const gzipped = gzipSync(raw).length;
  total += gzipped;
  console.log(
    `${name}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped`,
  );
}
console.log(
  `first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`,
);
