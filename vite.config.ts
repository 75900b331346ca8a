import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offlineShell } from './vite.offline.js';

// Relative base: the built dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [svelte(), offlineShell()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { port: 5173 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
