/**
 * The comparison behind `npm run check:deps` (check-dependency-floors.mjs): semantic-version
 * ordering, and which installed copies in a package-lock.json fall below the floors kept in
 * security/dependency-floors.json. Pure: no file or network access, so it is tested on its own.
 */

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * @param {string} text
 * @returns {import('./dependency-floors.d.mts').Version | null}
 */
export function parseVersion(text) {
  const match = SEMVER.exec(text);
  if (match === null) return null;
  const [, major = '0', minor = '0', patch = '0', pre] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch),
    prerelease: pre === undefined ? [] : pre.split('.'),
  };
}

/**
 * Semantic-version precedence (semver.org §11): negative, zero or positive. Build metadata does
 * not count; a prerelease comes before its release.
 * @param {import('./dependency-floors.d.mts').Version} a
 * @param {import('./dependency-floors.d.mts').Version} b
 * @returns {number}
 */
export function compareVersions(a, b) {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return Math.sign(core);
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  const length = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < length; i += 1) {
    const order = compareIdentifiers(a.prerelease[i] ?? '', b.prerelease[i] ?? '');
    if (order !== 0) return order;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

/** Numeric identifiers compare as numbers and before alphanumeric ones, which compare in ASCII. */
function compareIdentifiers(/** @type {string} */ a, /** @type {string} */ b) {
  const numeric = /^\d+$/;
  const aNumeric = numeric.test(a);
  const bNumeric = numeric.test(b);
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b));
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `version` is at or above its floor. A package may list one floor per release line (ws
 * fixed the same flaw in 8.17.1 and, backported, in 7.5.10): a version is held to the floor of
 * its own major line, and one of a major line with no floor must be above the highest floor.
 * @param {import('./dependency-floors.d.mts').Version} version
 * @param {readonly import('./dependency-floors.d.mts').Version[]} floors
 * @returns {import('./dependency-floors.d.mts').Version | null} the floor it is below, or null
 */
export function floorMissed(version, floors) {
  const sameLine = floors.filter((floor) => floor.major === version.major);
  const candidates = sameLine.length > 0 ? sameLine : floors;
  const binding = candidates.reduce(
    (highest, floor) => (highest === null || compareVersions(floor, highest) > 0 ? floor : highest),
    /** @type {import('./dependency-floors.d.mts').Version | null} */ (null),
  );
  return binding !== null && compareVersions(version, binding) < 0 ? binding : null;
}

/**
 * Every installed copy a lockfile (v2 or v3) records, by package name: the key is its path
 * under node_modules, and an alias (`"x": "npm:y@1"`) is recorded under the real name.
 * @param {import('./dependency-floors.d.mts').Lockfile} lock
 * @returns {import('./dependency-floors.d.mts').InstalledCopy[]}
 */
export function installedCopies(lock) {
  /** @type {import('./dependency-floors.d.mts').InstalledCopy[]} */
  const copies = [];
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    const at = where.lastIndexOf('node_modules/');
    // The root project, and links to workspace folders, are not installed copies.
    if (at === -1 || entry.link === true) continue;
    const name = entry.name ?? where.slice(at + 'node_modules/'.length);
    copies.push({ name, version: entry.version ?? '', where });
  }
  return copies;
}

/**
 * What breaks the floors: a copy below its floor, a version that cannot be read, a floor that
 * cannot be read, or a floor for a package the lockfile does not hold (the list would be stale).
 * @param {import('./dependency-floors.d.mts').Lockfile} lock
 * @param {Readonly<Record<string, import('./dependency-floors.d.mts').Floor>>} floors
 * @returns {import('./dependency-floors.d.mts').Problem[]}
 */
export function floorProblems(lock, floors) {
  /** @type {import('./dependency-floors.d.mts').Problem[]} */
  const problems = [];
  const copies = installedCopies(lock);
  for (const [name, floor] of Object.entries(floors)) {
    const parsed = floor.min.map((text) => ({ text, version: parseVersion(text) }));
    const unreadable = parsed.find(({ version }) => version === null);
    if (unreadable !== undefined || parsed.length === 0) {
      problems.push({ kind: 'bad_floor', name, floor: unreadable?.text ?? '(none)' });
      continue;
    }
    if (floor.copies !== undefined && !['all', 'direct'].includes(floor.copies)) {
      problems.push({ kind: 'bad_floor', name, floor: `copies: ${floor.copies}` });
      continue;
    }
    const versions = parsed.flatMap(({ version }) => (version === null ? [] : [version]));
    // A floor for a direct dependency holds the copy package.json resolves to; another
    // package's own older copy is that package's business, unless the floor says `all`.
    const installed = copies.filter(
      (copy) =>
        copy.name === name &&
        ((floor.copies ?? 'all') === 'all' || copy.where === `node_modules/${name}`),
    );
    if (installed.length === 0) problems.push({ kind: 'not_installed', name });
    for (const copy of installed) {
      const version = parseVersion(copy.version);
      if (version === null) {
        problems.push({ kind: 'unreadable', name, version: copy.version, where: copy.where });
        continue;
      }
      const missed = floorMissed(version, versions);
      if (missed !== null) {
        problems.push({
          kind: 'below',
          name,
          version: copy.version,
          where: copy.where,
          floor: formatVersion(missed),
        });
      }
    }
  }
  return problems;
}

/** @param {import('./dependency-floors.d.mts').Version} version */
export function formatVersion(version) {
  const core = `${String(version.major)}.${String(version.minor)}.${String(version.patch)}`;
  return version.prerelease.length === 0 ? core : `${core}-${version.prerelease.join('.')}`;
}

/**
 * One line naming the package, what is installed and the floor.
 * @param {import('./dependency-floors.d.mts').Problem} problem
 * @returns {string}
 */
export function describeProblem(problem) {
  switch (problem.kind) {
    case 'below':
      return `${problem.name} ${problem.version} (${problem.where}) is below its floor ${problem.floor}`;
    case 'unreadable':
      return `${problem.name} at ${problem.where} has a version that is not semver: "${problem.version}"`;
    case 'bad_floor':
      return `the floor for ${problem.name} cannot be read: "${problem.floor}" (min: semver versions; copies: all or direct)`;
    case 'not_installed':
      return `${problem.name} has a floor but is not in the lockfile: remove it from the list`;
  }
}
