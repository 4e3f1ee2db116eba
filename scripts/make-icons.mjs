// `node scripts/make-icons.mjs`: renders client/public/icon.svg to the PNG icons the web app
// manifest and iOS ask for, with Playwright's Chromium (the system one where there is one), so no
// native image module is needed. The PNGs are committed; run this again only when icon.svg changes.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PUBLIC = path.resolve('client/public');
const BACKGROUND = '#111318';
const svg = readFileSync(path.join(PUBLIC, 'icon.svg'), 'utf8');

/**
 * `full`: the drawing as it is (its own rounded square, transparent corners), for "any" icons.
 * `bleed`: the background to every edge and the drawing scaled into the middle. A maskable icon
 * is cut to a circle as small as 80% of its width (the safe zone); iOS rounds the corners of the
 * apple-touch-icon itself and fills transparency with black, so it gets the same treatment.
 * @typedef {{ file: string, size: number, look: 'full' | 'bleed', scale: number }} Icon
 * @type {Icon[]}
 */
const ICONS = [
  { file: 'icon-192.png', size: 192, look: 'full', scale: 1 },
  { file: 'icon-512.png', size: 512, look: 'full', scale: 1 },
  { file: 'icon-maskable-512.png', size: 512, look: 'bleed', scale: 0.8 },
  { file: 'apple-touch-icon.png', size: 180, look: 'bleed', scale: 0.9 },
];

/** @param {Icon} icon */
const pageFor = ({ size, look, scale }) => `<!doctype html>
<html><head><style>
  html, body { margin: 0; background: ${look === 'bleed' ? BACKGROUND : 'transparent'}; }
  body { width: ${size}px; height: ${size}px; display: grid; place-items: center; }
  svg { width: ${size * scale}px; height: ${size * scale}px; display: block; }
</style></head><body>${svg}</body></html>`;

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) =>
  existsSync(candidate),
);
const browser = await chromium.launch({
  ...(executablePath === undefined ? {} : { executablePath }),
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({
      viewport: { width: icon.size, height: icon.size },
      deviceScaleFactor: 1,
    });
    await page.setContent(pageFor(icon));
    const out = path.join(PUBLIC, icon.file);
    await page.screenshot({ path: out, omitBackground: icon.look === 'full' });
    await page.close();
    console.log(`${path.relative(process.cwd(), out)}: ${icon.size}×${icon.size}`);
  }
} finally {
  await browser.close();
}
