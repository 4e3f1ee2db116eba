// Types of bundle-figures.mjs for the TypeScript that imports it (its unit test).
import type * as z from 'zod/mini';

export declare const Manifest: z.ZodMiniRecord<
  z.ZodMiniString,
  z.ZodMiniObject<{
    file: z.ZodMiniString;
    isEntry: z.ZodMiniOptional<z.ZodMiniBoolean>;
    imports: z.ZodMiniOptional<z.ZodMiniArray<z.ZodMiniString>>;
    css: z.ZodMiniOptional<z.ZodMiniArray<z.ZodMiniString>>;
  }>
>;
export type Manifest = z.infer<typeof Manifest>;

/** Bytes. */
export interface Size {
  readonly raw: number;
  readonly gzip: number;
}
export interface FileSize extends Size {
  readonly file: string;
}
export interface BundleFigures {
  readonly initial: { readonly js: FileSize[]; readonly css: FileSize[] };
  readonly later: { readonly js: FileSize[]; readonly css: FileSize[] };
  readonly initialJsGzip: number;
  readonly initialCssGzip: number;
}

export declare function firstLoadKeys(manifest: Manifest): Set<string>;
export declare function bundleFigures(
  manifest: Manifest,
  sizeOf: (file: string) => Size,
): BundleFigures;
export declare function sizeOfBytes(bytes: Uint8Array): Size;
export declare function kb(bytes: number): number;
export declare function readBuild(distClient: string): BundleFigures;
export declare function describeFigures(figures: BundleFigures): string[];
