import { createHash } from 'node:crypto';

/**
 * The CSP sources (`'sha256-…'`) that allow exactly the <style> elements of a page: the client's
 * build puts its first stylesheet inline (client/build/inline-entry-css.ts) so the start screen
 * paints sooner, and the policy still refuses any other inline style, such as one injected.
 */
export function inlineStyleHashes(html: string): string[] {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css = '']) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`,
  );
  return [...new Set(hashes)];
}
