import type { Plugin } from 'vite';

/**
 * Puts the entry's stylesheet into index.html as a <style> element instead of a <link>: the static
 * start screen then paints with the HTML itself, one round trip sooner on a slow network (a linked
 * stylesheet blocks the first paint until it has arrived). The page's Content-Security-Policy
 * still allows no inline style but this one: the server hashes every <style> of the page it serves
 * (server/http/inline-style-hashes.ts). The file stays in the build too, so the first-load figures
 * (scripts/bundle-figures.mjs) still count it, and lazy chunks find nothing missing.
 */
export function inlineEntryCss(): Plugin {
  return {
    name: 'tandem:inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (bundle === undefined) return html;
        return html.replace(
          /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)"\s*\/?>/g,
          (link, fileName: string) => {
            const asset = bundle[fileName];
            if (asset?.type !== 'asset') return link;
            const css =
              typeof asset.source === 'string'
                ? asset.source
                : new TextDecoder().decode(asset.source);
            return `<style>${css}</style>`;
          },
        );
      },
    },
  };
}
