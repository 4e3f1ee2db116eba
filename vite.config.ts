import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { inlineEntryCss } from './client/build/inline-entry-css.ts';

/** The dark theme's background (styles.css `--bg`): the splash screen and the status bar. */
const THEME_COLOUR = '#111318';

/**
 * Installable, opens offline, and reached by push: a web app manifest and a service worker
 * (client/src/sw/) that precaches the whole built client and shows pushed signals. Registration is done by the app itself (client/src/pwa/), lazily, so the
 * first load carries none of it; a new version waits until the person taps "Reload to update".
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifestFilename: 'manifest.webmanifest',
  // The glob below already takes every public file (icons, the quick-exit page): listing them
  // again would only repeat them in the precache list.
  includeAssets: [],
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'Tandem',
    short_name: 'Tandem',
    // Seen on a home screen and in app lists: says nothing about what a room is for.
    description: 'A private check-in for two.',
    lang: 'en',
    display: 'standalone',
    orientation: 'any',
    start_url: '/',
    scope: '/',
    theme_color: THEME_COLOUR,
    background_color: THEME_COLOUR,
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  // Our own worker (client/src/sw/sw.ts), for push: the precache list is injected into it. The
  // routes, cache cleanup and clientsClaim that generateSW wrote are in it; skipWaiting only on
  // the "Reload to update" tap, as before.
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  filename: 'sw.ts',
  injectManifest: {
    // The whole client: entry, lazy chunks, CSS, icons, the quick-exit page and the shell. Vite's
    // build manifest (.vite/manifest.json) is for scripts/bundle-size.mjs, not for phones.
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    // The plugin adds the manifest to the list itself: globbed too, it would be listed twice.
    globIgnores: ['.vite/**', 'manifest.webmanifest'],
  },
});

// The phone UI lives in client/; its production build is what the server serves.
export default defineConfig({
  root: 'client',
  plugins: [react(), inlineEntryCss(), pwa],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser Tandem supports preloads modules itself; the polyfill would only cost the
    // first load a script's worth of main-thread time.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
    // Read by scripts/bundle-size.mjs to tell the first load from chunks fetched later.
    manifest: true,
  },
  server: {
    // `npm run dev`: the socket server runs beside Vite and is reached through this proxy.
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:3001', ws: true },
    },
  },
});
