import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build is embedded into the Rust binary (rust-embed) from `frontend/dist`.
// In development the SPA runs on the Vite dev server and talks to a locally running
// `parley demo` / `parley serve` on 127.0.0.1:8080 through this proxy (same origin, so the
// session cookie works as in production).
const backend = process.env.PARLEY_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/graphql': { target: backend, ws: true, changeOrigin: false },
      '/healthz': { target: backend },
    },
  },
});
