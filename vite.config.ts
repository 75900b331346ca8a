import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offlineShell } from './vite.offline.js';
import { SECURITY_HEADERS, securityHeaders } from './csp.config.js';

// Relative base: the built dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [svelte(), offlineShell(), securityHeaders()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { port: 5173 },
  // The worker's policy comes from its own response headers, not the page's <meta>.
  preview: { headers: SECURITY_HEADERS },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The gate runs on shared 2-core machines: a test that lints or reads fixtures can wait
    // its turn for a core well past vitest's 5 s default without being wrong.
    testTimeout: 30_000,
  },
});
