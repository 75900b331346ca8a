// Every figure explains itself: a "?" beside it shows the definition and the formula in the
// user's language, reachable by keyboard, read by screen readers, closed with Escape.
import { expect, test } from '@playwright/test';
import { SAMPLES, openSample } from './helpers/screens';

for (const [locale, name, formula, columnHelp, columnFormula] of [
  ['en-US', 'About CPC', 'cost ÷ clicks', 'About Step rate', 'this stage ÷ the stage above'],
  ['zh-CN', '什么是平均点击价格', '消费 ÷ 点击量', '什么是环节转化率', '本阶段 ÷ 上一阶段'],
] as const) {
  test.describe(locale, () => {
    test.use({ locale });

    test('the headline and table help open from the keyboard and close with Escape', async ({
      page,
    }) => {
      await page.goto('./');
      await openSample(page, SAMPLES.searchAds);

      const cpc = page.locator('[data-metric="cpc"]').getByRole('button', { name });
      const tip = page.locator(`#${await cpc.getAttribute('aria-describedby')}`);
      await expect(tip).toBeHidden();
      // Screen readers get the definition as the button's description, without opening it.
      await expect(cpc).toHaveAccessibleDescription(new RegExp(formula));

      // Reach it with Tab from the figure before it, as a keyboard user does.
      await page.locator('[data-metric="cpm"]').getByRole('button').focus();
      await page.keyboard.press('Tab');
      await expect(cpc).toBeFocused();
      await expect(tip).toBeVisible();
      await expect(tip).toContainText(formula);
      await page.keyboard.press('Escape');
      await expect(tip).toBeHidden();
      await expect(cpc).toBeFocused();

      const column = page
        .locator('table[data-funnel="current"]')
        .getByRole('button', { name: columnHelp });
      await column.focus();
      const columnTip = page.locator(`#${await column.getAttribute('aria-describedby')}`);
      await expect(columnTip).toBeVisible();
      await expect(columnTip).toContainText(columnFormula);
      await expect(columnTip).toBeInViewport();
      await page.keyboard.press('Escape');
      await expect(columnTip).toBeHidden();
    });
  });
}

test('a tap opens the help and it stays until tapped again', async ({ page }) => {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  const roi = page.locator('[data-metric="roi"]').getByRole('button');
  const tip = page.locator(`#${await roi.getAttribute('aria-describedby')}`);
  await roi.click();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('(revenue − cost) ÷ cost');
  await page.mouse.move(0, 0);
  await expect(tip).toBeVisible();
  await roi.click();
  await expect(tip).toBeHidden();
});
