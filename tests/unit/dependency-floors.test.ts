import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Floor, Lockfile, Version } from '../../scripts/dependency-floors.mjs';
import {
  compareVersions,
  describeProblem,
  floorMissed,
  floorProblems,
  formatVersion,
  parseVersion,
} from '../../scripts/dependency-floors.mjs';
import { tempDir } from '../support/temp-sqlite.ts';
import type { TempDir } from '../support/temp-sqlite.ts';

const v = (text: string): Version => {
  const version = parseVersion(text);
  if (version === null) throw new Error(`not semver: ${text}`);
  return version;
};
const sign = (a: string, b: string) => compareVersions(v(a), v(b));

describe('semantic-version ordering', () => {
  it.each([
    ['1.0.0', '1.0.0', 0],
    ['1.0.1', '1.0.0', 1],
    ['1.2.0', '1.10.0', -1],
    ['2.0.0', '10.0.0', -1],
    ['8.17.1', '8.17.0', 1],
    ['6.6.9', '6.6.10', -1],
    ['1.0.0+build.5', '1.0.0', 0],
    ['1.0.0-rc.1', '1.0.0', -1],
  ])('%s against %s is %i', (a, b, expected) => {
    expect(sign(a, b)).toBe(expected);
    expect(sign(b, a)).toBe(-expected || 0);
  });

  it('orders prereleases as semver.org §11 does', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ];
    for (let i = 1; i < ordered.length; i += 1) {
      expect(sign(ordered[i - 1] ?? '', ordered[i] ?? '')).toBe(-1);
    }
  });

  it.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '1.0.0-01', '', 'latest', '1.0.0 '])(
    'reads %j as no version',
    (text) => {
      expect(parseVersion(text)).toBeNull();
    },
  );

  const identifier = fc.oneof(
    fc.nat({ max: 20 }).map(String),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/),
  );
  const version = fc.record({
    major: fc.nat({ max: 30 }),
    minor: fc.nat({ max: 30 }),
    patch: fc.nat({ max: 30 }),
    prerelease: fc.array(identifier, { maxLength: 3 }),
  });

  it('is a total order: reflexive, antisymmetric, transitive, and survives formatting', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(parseVersion(formatVersion(a))).toEqual(a);
        expect(compareVersions(a, a)).toBe(0);
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) {
          expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('orders releases by major, minor, patch, and puts a prerelease before its release', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const release = (x: Version) => ({ ...x, prerelease: [] });
        const byTuple = Math.sign(a.major - b.major || a.minor - b.minor || a.patch - b.patch);
        if (byTuple !== 0) expect(compareVersions(a, b)).toBe(byTuple);
        if (a.prerelease.length > 0) expect(compareVersions(a, release(a))).toBe(-1);
      }),
    );
  });

  it('holds a version to its own release line’s floor, else to the highest floor', () => {
    const ws = [v('8.17.1'), v('7.5.10')];
    const table: [string, string | null][] = [
      ['8.17.1', null],
      ['8.21.3', null],
      ['8.17.0', '8.17.1'],
      ['7.5.10', null],
      ['7.5.14', null],
      ['7.5.9', '7.5.10'],
      ['6.2.3', '8.17.1'],
      ['9.0.0', null],
      ['8.17.1-beta.1', '8.17.1'],
    ];
    for (const [installed, missed] of table) {
      const floor = floorMissed(v(installed), ws);
      expect(floor === null ? null : formatVersion(floor), installed).toBe(missed);
    }
    fc.assert(
      fc.property(version, (floor) => {
        expect(floorMissed(floor, [floor])).toBeNull();
        expect(floorMissed({ ...floor, patch: floor.patch + 1 }, [floor])).toBeNull();
        if (floor.patch > 0) {
          expect(
            floorMissed({ ...floor, patch: floor.patch - 1, prerelease: [] }, [floor]),
          ).toEqual(floor);
        }
      }),
    );
  });
});

const lock = (copies: Record<string, string>): Lockfile => ({
  packages: {
    '': {},
    ...Object.fromEntries(Object.entries(copies).map(([where, version]) => [where, { version }])),
  },
});
const floor = (min: string[], copies?: 'all' | 'direct'): Floor => ({
  min,
  why: 'test',
  ...(copies === undefined ? {} : { copies }),
});

describe('the floors against a lockfile', () => {
  it('finds every copy below its floor, nested or aliased, and names package, version and floor', () => {
    const problems = floorProblems(
      {
        packages: {
          '': {},
          'node_modules/ws': { version: '8.16.0' },
          'node_modules/a/node_modules/ws': { version: '8.18.0' },
          'node_modules/b/node_modules/ws': { version: '7.4.6' },
          'node_modules/engine.io': { version: '6.6.12' },
          'node_modules/old-parser': { name: 'socket.io-parser', version: '4.2.1' },
          'node_modules/local': { link: true },
        },
      },
      {
        ws: floor(['8.17.1', '7.5.10']),
        'engine.io': floor(['6.6.10']),
        'socket.io-parser': floor(['4.2.7']),
      },
    );
    expect(problems.map(describeProblem)).toEqual([
      'ws 8.16.0 (node_modules/ws) is below its floor 8.17.1',
      'ws 7.4.6 (node_modules/b/node_modules/ws) is below its floor 7.5.10',
      'socket.io-parser 4.2.1 (node_modules/old-parser) is below its floor 4.2.7',
    ]);
  });

  it('holds only the direct copy to a direct floor, and every copy to the others', () => {
    const installed = lock({
      'node_modules/zod': '4.6.7',
      'node_modules/tool/node_modules/zod': '3.25.76',
    });
    expect(floorProblems(installed, { zod: floor(['4.6.7'], 'direct') })).toEqual([]);
    expect(floorProblems(installed, { zod: floor(['4.6.7']) })).toEqual([
      {
        kind: 'below',
        name: 'zod',
        version: '3.25.76',
        where: 'node_modules/tool/node_modules/zod',
        floor: '4.6.7',
      },
    ]);
  });

  it('refuses a floor it cannot read, a version it cannot read, and a floor for nothing installed', () => {
    const problems = floorProblems(lock({ 'node_modules/x': 'not-a-version' }), {
      x: floor(['1.0.0']),
      y: floor(['1.0']),
      z: floor([]),
      w: floor(['1.0.0']),
    });
    expect(problems.map((problem) => problem.kind)).toEqual([
      'unreadable',
      'bad_floor',
      'bad_floor',
      'not_installed',
    ]);
    for (const problem of problems) expect(describeProblem(problem)).toContain(problem.name);
  });
});

describe('npm run check:deps', () => {
  const script = path.resolve('scripts/check-dependency-floors.mjs');
  let temp: TempDir | null = null;
  afterEach(() => {
    temp?.remove();
    temp = null;
  });

  it('passes on the real lockfile and the list kept in the repo', () => {
    const output = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(output).toMatch(/every installed copy of \d+ packages is at or above its floor/);
  });

  it('fails with a message naming the package, the version found and the floor', () => {
    temp = tempDir('tandem-floors-');
    const lockFile = path.join(temp.dir, 'package-lock.json');
    const floorsFile = path.join(temp.dir, 'floors.json');
    writeFileSync(lockFile, JSON.stringify(lock({ 'node_modules/engine.io': '6.6.9' })));
    writeFileSync(floorsFile, JSON.stringify({ floors: { 'engine.io': floor(['6.6.10']) } }));
    const run = spawnSync(process.execPath, [script, lockFile, floorsFile], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'engine.io 6.6.9 (node_modules/engine.io) is below its floor 6.6.10',
    );
  });
});
