// The gate's first step: the browser tests need Chromium, and a missing one should cost one
// line at once, not ten minutes of type checks and unit tests before Playwright fails.
// Same search as playwright.config.ts: $CHROMIUM_PATH, /usr/bin/chromium, Playwright's own.
import { existsSync } from 'node:fs';

async function playwrightsOwn() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const found =
  (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) ||
  existsSync('/usr/bin/chromium') ||
  (await playwrightsOwn());

if (!found) {
  console.error(
    'npm test needs Chromium for its browser tests: on Debian `sudo apt-get install -y chromium fonts-noto-cjk`, or set CHROMIUM_PATH to a Chromium binary (npm run test:unit runs the unit tests alone).',
  );
  process.exit(1);
}
