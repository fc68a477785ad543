import { constants as zlib } from 'node:zlib';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import gqlDocuments from './vite-plugin-gql-documents.ts';

// The production build is embedded into the Rust binary (rust-embed) from `frontend/dist`.
// In development the SPA runs on the Vite dev server and talks to a locally running
// `parley demo` / `parley serve` on 127.0.0.1:8080 through this proxy (same origin, so the
// session cookie works as in production).
const backend = process.env.PARLEY_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    gqlDocuments(import.meta.dirname),
    react(),
    // Every text asset also as `.br` and `.gz` (best compression: it is done once, at build
    // time). The server embeds these and picks one by the request's Accept-Encoding
    // (src/web/spa.rs); a variant no smaller than the original is not written.
    compression({
      include: /\.(html|js|css|svg|json)$/,
      algorithms: [
        defineAlgorithm('brotliCompress', {
          params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY },
        }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    // No chunkSizeWarningLimit: Vite's default (500 kB) warns when a chunk outgrows it.
    rolldownOptions: {
      output: {
        // Pages are split by their `lazy()` imports in App.tsx. Two groups on top:
        // - what the entry loads statically (the login page and what every page needs:
        //   React, the router, urql, i18n) goes into one chunk rather than a dozen small ones;
        // - the rest of Mantine (components only signed-in pages use) goes into one shared
        //   chunk rather than ~40 chunks of a few hundred bytes each.
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'], priority: 2 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: backend, ws: true, changeOrigin: false },
      '/healthz': { target: backend },
    },
  },
});
