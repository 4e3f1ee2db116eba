/** Types for dependency-floors.mjs, so its tests and the checker are type-checked. */

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-separated prerelease identifiers; empty for a release. */
  readonly prerelease: readonly string[];
}

export interface Floor {
  /** The lowest acceptable version; one per release line where a fix was backported. */
  readonly min: readonly string[];
  /** Why this floor: the advisory, or "current release". */
  readonly why: string;
  /**
   * Which installed copies it holds: `all` (the default: every copy, wherever installed, as a
   * security floor must) or `direct` (only node_modules/<name>, the one package.json names).
   */
  readonly copies?: 'all' | 'direct';
}

export interface Lockfile {
  readonly packages?: Readonly<
    Record<string, { readonly version?: string; readonly name?: string; readonly link?: boolean }>
  >;
}

export interface InstalledCopy {
  readonly name: string;
  readonly version: string;
  /** Its path in the lockfile, e.g. node_modules/lighthouse/node_modules/ws. */
  readonly where: string;
}

export type Problem =
  | {
      readonly kind: 'below';
      readonly name: string;
      readonly version: string;
      readonly where: string;
      readonly floor: string;
    }
  | {
      readonly kind: 'unreadable';
      readonly name: string;
      readonly version: string;
      readonly where: string;
    }
  | { readonly kind: 'bad_floor'; readonly name: string; readonly floor: string }
  | { readonly kind: 'not_installed'; readonly name: string };

export function parseVersion(text: string): Version | null;
export function compareVersions(a: Version, b: Version): number;
export function floorMissed(version: Version, floors: readonly Version[]): Version | null;
export function installedCopies(lock: Lockfile): InstalledCopy[];
export function floorProblems(lock: Lockfile, floors: Readonly<Record<string, Floor>>): Problem[];
export function formatVersion(version: Version): string;
export function describeProblem(problem: Problem): string;
