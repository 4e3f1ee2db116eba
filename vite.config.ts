import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The phone UI lives in client/; its production build is what the server serves.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
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
