/**
 * The app's Content-Security-Policy, one text for every place that sends it: the `<meta>` in
 * index.html covers the page, but a worker takes its policy from the HTTP headers its own script
 * is served with, so the preview server sends it as a header and the build writes `_headers`
 * (read by Netlify and Cloudflare Pages; README lists what other hosts must send).
 *
 * Only the page's own origin: no inline script, no eval, no connections elsewhere.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Every header a host should send with every file of the build. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** `_headers` in the build folder (Netlify / Cloudflare Pages): the headers for every path. */
export function headersFile(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return ['/*', ...lines, ''].join('\n');
}

/**
 * Writes `_headers` after the build, outside the bundle: the offline shell must not try to
 * cache a file that hosts consume rather than serve.
 */
export function securityHeaders(): Plugin {
  let outDir = 'dist';
  return {
    name: 'funnel-workbench:security-headers',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      writeFileSync(join(outDir, '_headers'), headersFile());
    },
  };
}
