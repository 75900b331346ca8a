#!/usr/bin/env node
// Renders the app icon (public/icon.svg) to the PNG sizes the web app manifest lists, with the
// same Chromium the tests use, so the icons can be rebuilt from the SVG: `node scripts/make-icons.mjs`.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

const svg = readFileSync('public/icon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath:
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: `public/icon-${size}.png` });
    await page.close();
    console.log(`wrote public/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
