// `npm run size`: gzipped JavaScript and CSS a phone downloads on first load (after `npm run
// build`), beside the JavaScript budget, at gzip's default level (what servers commonly use).
// The figures come from bundle-figures.mjs, as `npm run bench:client` prints them. Prints only.
import path from 'node:path';
import { describeFigures, kb, readBuild } from './bundle-figures.mjs';

const BUDGET_KB = 120;
const figures = readBuild(path.resolve('dist/client'));
describeFigures(figures).forEach((line) => {
  console.log(line);
});
console.log(
  `first-load JavaScript: ${kb(figures.initialJsGzip)} KB gzipped (budget ${BUDGET_KB} KB)`,
);
console.log(`first-load CSS: ${kb(figures.initialCssGzip)} KB gzipped`);
