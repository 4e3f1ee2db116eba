import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { inlineEntryCss } from './client/build/inline-entry-css.ts';

/** The dark theme's background (styles.css `--bg`): the splash screen and the status bar. */
const THEME_COLOUR = '#111318';

/**
 * Installable, and opens offline: a web app manifest and a service worker that precaches the
 * whole built client. Registration is done by the app itself (client/src/pwa/), lazily, so the
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
  workbox: {
    // The whole client: entry, lazy chunks, CSS, icons, the quick-exit page and the shell. Vite's
    // build manifest (.vite/manifest.json) is for scripts/bundle-size.mjs, not for phones.
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    globIgnores: ['.vite/**'],
    // A room is a fragment on "/", but any other page address opens the app too.
    navigateFallback: '/index.html',
    // Never answered by the worker: the socket (long-polling included) and the server's own paths.
    navigateFallbackDenylist: [/^\/socket\.io\//, /^\/healthz/, /^\/api\//],
    // No runtime caching: everything else goes to the network untouched.
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
    // The first worker controls the page it was installed from (nothing older to clash with);
    // a later one still waits for the tap (registerType 'prompt': no skipWaiting).
    clientsClaim: true,
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
