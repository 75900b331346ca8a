// When something breaks anyway: a screen that throws is replaced by a message and the funnel,
// the broken screen is not remembered across a reload, and the import worker (which reads a
// stranger's file) runs under the app's Content-Security-Policy with no network and no eval.
import { expect, test } from '@playwright/test';
import { openSample, SAMPLES } from './helpers/screens';
import { saved, shownFunnel } from './helpers/keep';

test('a screen that throws shows a message and the funnel; a reload does not bring it back', async ({
  page,
}) => {
  // A fault in the trend's brush, as a bug in one chart would be: d3-brush is only used there.
  await page.addInitScript(() => {
    const set = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (name: string, value: string) {
      if (name === 'class' && value === 'overlay') throw new Error('injected chart failure');
      return set.call(this, name, value);
    };
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  const before = await shownFunnel(page);

  await page.getByRole('tab', { name: 'Trend' }).click();
  const alert = page.locator('[data-screen-failed]');
  await expect(alert).toContainText('The Trend screen stopped');
  await expect(alert).toContainText('injected chart failure');
  // The funnel is shown instead, with the same numbers.
  await expect(page.getByRole('tab', { name: 'Funnel' })).toHaveAttribute('aria-selected', 'true');
  expect((await shownFunnel(page)).counts).toEqual(before.counts);

  // The remembered tab is not the broken one: a reload (once the sample is saved, which a
  // loaded machine can take seconds to do) opens on the funnel, without a message.
  await saved(page);
  await page.reload();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Funnel' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-screen-failed]')).toHaveCount(0);
  expect((await shownFunnel(page)).counts).toEqual(before.counts);
  // The other screens still work.
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await expect(page.locator('[data-segment]').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the import worker is served with the CSP, without eval, and cannot reach the network', async ({
  page,
}) => {
  const policies = new Map<string, string | null>();
  page.on('response', (r) => {
    if (/\/assets\/.*worker.*\.js$/.test(r.url()))
      policies.set(r.url(), r.headers()['content-security-policy'] ?? null);
  });
  await page.goto('./');
  // The worker starts ahead of the first import; an import makes sure it has.
  await openSample(page, SAMPLES.searchAds);
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  expect(policies.size).toBeGreaterThan(0);
  for (const policy of policies.values()) {
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    // No eval: code the browser's devtools protocol evaluates is exempt from CSP, so the policy
    // itself is what the test can read.
    expect(policy).not.toContain('unsafe-eval');
  }
  const worker = page.workers()[0];
  const fetched = await worker.evaluate(async () => {
    try {
      await fetch('http://127.0.0.1:9/leak');
      return 'reached';
    } catch {
      return 'refused';
    }
  });
  expect(fetched).toBe('refused');
});
