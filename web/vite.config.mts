import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console: built into dist/web, which the Nest app serves at `/` (src/console). Routes are split
 * (React.lazy per page) and the chunks of the libraries are named so that the bundle budget
 * (`npm run web:size`) can tell what the sign-in page needs.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@web': path.resolve(here, 'src') } },
  build: {
    outDir: path.resolve(here, '..', 'dist', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    assetsDir: 'static',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://localhost:3000',
      '/files': 'http://localhost:3000',
      '/templates': 'http://localhost:3000',
      '/disclosure': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
    },
  },
});
