#!/usr/bin/env node
// Makes the README's screenshots from the real app: builds, serves, opens the search-ads sample
// in an English and a Chinese browser and saves docs/screenshot-en.png (the funnel) and
// docs/screenshot-zh.png (the breakdown by branch). SHOTS_PORT moves the server if 4399 is taken.
import { chromium } from '@playwright/test';
import { spawn, execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';

const port = Number(process.env.SHOTS_PORT ?? 4399);
execSync('npx vite build --outDir dist-shots --emptyOutDir', { stdio: 'inherit' });
const server = spawn(
  'npx',
  ['vite', 'preview', '--outDir', 'dist-shots', '--port', String(port), '--strictPort'],
  {
    stdio: 'ignore',
    // Own process group, so stopping it also stops the vite process npx starts.
    detached: true,
  },
);
try {
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({
    executablePath:
      process.env.CHROMIUM_PATH ??
      (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync('docs', { recursive: true });
  for (const [lang, button, tab] of [
    ['en', /Open the sample/, /^Funnel$/],
    ['zh', /打开示例/, /^细分$/],
  ]) {
    const page = await browser.newPage({
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      viewport: { width: 1280, height: 860 },
      colorScheme: 'light',
      serviceWorkers: 'block',
    });
    await page.goto(`http://localhost:${port}/`);
    await page.getByRole('button', { name: button }).first().click();
    await page.locator('table[data-funnel="current"]').waitFor();
    await page.getByRole('tab', { name: tab }).click();
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `docs/screenshot-${lang}.png` });
    console.log(`wrote docs/screenshot-${lang}.png`);
  }
  await browser.close();
} finally {
  process.kill(-server.pid);
}
