import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../scripts/bundle-figures.mjs';
import {
  bundleFigures,
  describeFigures,
  firstLoadKeys,
  kb,
  sizeOfBytes,
} from '../../scripts/bundle-figures.mjs';

/** Shaped like the build's manifest: an entry, a shared static import, two lazy screens. */
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index-a.js',
    isEntry: true,
    imports: ['_vendor.js'],
    css: ['assets/index-a.css'],
  },
  '_vendor.js': { file: 'assets/vendor-b.js' },
  'src/ui/RoomScreen.tsx': {
    file: 'assets/RoomScreen-c.js',
    imports: ['index.html', '_vendor.js'],
    css: ['assets/RoomScreen-c.css', 'assets/index-a.css'],
  },
  'src/ui/qr.ts': { file: 'assets/qr-d.js' },
};
const SIZES: Record<string, number> = {
  'assets/index-a.js': 1000,
  'assets/vendor-b.js': 3000,
  'assets/index-a.css': 200,
  'assets/RoomScreen-c.js': 500,
  'assets/RoomScreen-c.css': 50,
  'assets/qr-d.js': 70,
};
const sizeOf = (file: string) => ({ raw: (SIZES[file] ?? 0) * 3, gzip: SIZES[file] ?? 0 });

describe('bundle figures from the manifest', () => {
  it('counts the entry, its static imports and their CSS as the first load', () => {
    expect([...firstLoadKeys(manifest)].sort()).toEqual(['_vendor.js', 'index.html']);
    const figures = bundleFigures(manifest, sizeOf);
    expect(figures.initial.js.map((file) => file.file)).toEqual([
      'assets/index-a.js',
      'assets/vendor-b.js',
    ]);
    expect(figures.initial.css.map((file) => file.file)).toEqual(['assets/index-a.css']);
    expect(figures.initialJsGzip).toBe(4000);
    expect(figures.initialCssGzip).toBe(200);
  });

  it('lists lazy chunks apart, never again a file the first load has', () => {
    const figures = bundleFigures(manifest, sizeOf);
    expect(figures.later.js.map((file) => file.file)).toEqual([
      'assets/RoomScreen-c.js',
      'assets/qr-d.js',
    ]);
    expect(figures.later.css.map((file) => file.file)).toEqual(['assets/RoomScreen-c.css']);
  });

  it('puts every file in exactly one of first load and later, for any import graph', () => {
    const graph = fc
      .array(fc.record({ entry: fc.boolean(), imports: fc.array(fc.nat(7)), css: fc.boolean() }), {
        minLength: 1,
        maxLength: 8,
      })
      .map((chunks) =>
        Object.fromEntries(
          chunks.map((chunk, index) => [
            `k${String(index)}`,
            {
              file: `c${String(index)}.js`,
              isEntry: chunk.entry,
              imports: chunk.imports.filter((i) => i < chunks.length).map((i) => `k${String(i)}`),
              ...(chunk.css ? { css: [`c${String(index)}.css`] } : {}),
            },
          ]),
        ),
      );
    fc.assert(
      fc.property(graph, (generated: Manifest) => {
        const figures = bundleFigures(generated, () => ({ raw: 2, gzip: 1 }));
        const first = [...figures.initial.js, ...figures.initial.css].map((file) => file.file);
        const later = [...figures.later.js, ...figures.later.css].map((file) => file.file);
        const all = Object.values(generated).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])]);
        expect(new Set([...first, ...later])).toEqual(new Set(all));
        expect(first.filter((file) => later.includes(file))).toEqual([]);
        expect(figures.initialJsGzip).toBe(figures.initial.js.length);
        // Whatever an entry imports statically is first load.
        for (const key of firstLoadKeys(generated))
          for (const imported of generated[key]?.imports ?? [])
            expect(firstLoadKeys(generated).has(imported)).toBe(true);
      }),
    );
  });

  it('sizes bytes as gzip at its default level would send them', () => {
    const bytes = new TextEncoder().encode('tandem '.repeat(500));
    const size = sizeOfBytes(bytes);
    expect(size.raw).toBe(3500);
    expect(size.gzip).toBeLessThan(200);
    expect(kb(1536)).toBe(1.5);
  });

  it('describes the first load, then the lazy chunks', () => {
    const lines = describeFigures(bundleFigures(manifest, sizeOf));
    expect(lines[0]).toBe('first load:');
    expect(lines).toContain('fetched later (lazy chunks):');
    expect(lines[1]).toBe('  assets/index-a.js: 2.9 KB raw, 1 KB gzipped');
  });
});
