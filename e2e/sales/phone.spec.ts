import { expect, test, type Locator, type Page } from '@playwright/test';
import { PHONE, signIn } from '../helpers.js';
import { snap, watch } from '../push/person.js';

/**
 * What a rep reads on a phone (issue 9, A17): every dashboard tile label whole, the activities
 * table scrolling inside its card instead of being cut at the screen's edge; fr and en.
 */
async function fitsItsBox(locator: Locator) {
  return locator.evaluate(
    (element) =>
      element.scrollWidth <= element.clientWidth + 1 &&
      element.getBoundingClientRect().right <= window.innerWidth + 1,
  );
}

async function pageDoesNotScrollSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

for (const locale of ['fr', 'en'] as const) {
  test(`dashboard tiles and the activities table fit a 375 px phone (${locale})`, async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, 'rep3@relais.demo');
    const problems = watch(page);
    if (locale === 'en') {
      await page.getByTestId('user-menu').click();
      await page.getByText('English', { exact: true }).click();
      await expect(page.getByRole('button', { name: /menu/i }).first()).toBeVisible();
    }
    await page.goto('/dashboard');
    const opened = page
      .getByText(locale === 'fr' ? 'Taux d’ouverture' : 'Open rate', { exact: false })
      .first();
    await expect(opened).toBeVisible();
    for (const label of await page.locator('.mantine-Card-root .mantine-Text-root[data-size="xs"]').all()) {
      expect(await fitsItsBox(label), await label.innerText()).toBe(true);
    }
    await pageDoesNotScrollSideways(page);
    await snap(page, `phone-dashboard-${locale}-375`);

    await page.goto('/activities');
    await expect(page.getByRole('table')).toBeVisible();
    await pageDoesNotScrollSideways(page);
    // The table is not cut: it is no wider than the screen, and each kind badge reads whole.
    expect(await fitsItsBox(page.getByRole('table'))).toBe(true);
    expect(
      await page.getByRole('table').evaluate((table) => table.getBoundingClientRect().right),
    ).toBeLessThanOrEqual(PHONE.width);
    for (const badge of (await page.locator('table .mantine-Badge-label').all()).slice(0, 5))
      expect(await fitsItsBox(badge), await badge.innerText()).toBe(true);
    await snap(page, `phone-activities-${locale}-375`);
    if (locale === 'en') {
      await page.getByTestId('user-menu').click();
      await page.getByText('Français', { exact: true }).click();
    }
    expect(problems).toEqual([]);
  });
}
