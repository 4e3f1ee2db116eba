#!/usr/bin/env node
/**
 * `npm run check:deps`: fails when any installed copy of a package in package-lock.json is below
 * its floor in security/dependency-floors.json. Offline (the registry's audit endpoint cannot be
 * reached from every machine that builds Tandem): it reads the two files and nothing else.
 *
 *   node scripts/check-dependency-floors.mjs [package-lock.json] [dependency-floors.json]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeProblem, floorProblems } from './dependency-floors.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = process.argv[2] ?? path.join(root, 'package-lock.json');
const floorsPath = process.argv[3] ?? path.join(root, 'security', 'dependency-floors.json');

/** @returns {unknown} */
function readJson(/** @type {string} */ file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`check:deps: cannot read ${file}: ${String(error)}\n`);
    process.exit(2);
  }
}

const lock = /** @type {import('./dependency-floors.d.mts').Lockfile} */ (readJson(lockPath));
const list = /** @type {{ floors?: Record<string, import('./dependency-floors.d.mts').Floor> }} */ (
  readJson(floorsPath)
);
if (typeof list.floors !== 'object' || typeof lock.packages !== 'object') {
  process.stderr.write(
    `check:deps: ${floorsPath} needs a "floors" object and ${lockPath} a "packages" object\n`,
  );
  process.exit(2);
}

const problems = floorProblems(lock, list.floors);
if (problems.length > 0) {
  process.stderr.write(
    `check:deps: ${String(problems.length)} installed package(s) break the floors in ${path.relative(root, floorsPath)}:\n` +
      problems.map((problem) => `  ${describeProblem(problem)}\n`).join(''),
  );
  process.exit(1);
}
process.stdout.write(
  `check:deps: every installed copy of ${String(Object.keys(list.floors).length)} packages is at or above its floor\n`,
);
