import { expect, test, type Page } from '@playwright/test';
import { PHONE, TYPING, signIn } from '../helpers.js';
import { apiAs, get, snap, watch } from '../push/person.js';

/**
 * Ctrl+K as a person uses it (issue 9, A17): the first result is selected as soon as it shows,
 * Enter opens it, and products are found by reference or by the words of their name.
 */
const LAPTOP = { width: 1366, height: 768 };

async function openPalette(page: Page) {
  if (page.viewportSize()!.width < 768)
    await page.getByRole('button', { name: 'Rechercher (Ctrl K)' }).first().click();
  else {
    await page.locator('body').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Control+k');
  }
  const input = page.getByPlaceholder(/Rechercher/).last();
  await expect(input).toBeVisible();
  return input;
}

for (const viewport of [LAPTOP, PHONE]) {
  test(`Ctrl+K finds a product by reference or name and Enter opens the first result (${viewport.width} px)`, async ({
    page,
    baseURL,
  }) => {
    const rep = await apiAs(baseURL!, 'rep@relais.demo');
    const products = (await (await get(rep, '/api/v1/products?q=four%20mixte&limit=10')).json()).items as {
      id: string;
      reference: string;
      name: string;
    }[];
    const oven = products.find((product) => product.name.startsWith('Four mixte'))!;

    await page.setViewportSize(viewport);
    await signIn(page, 'rep@relais.demo');
    const problems = watch(page);

    let input = await openPalette(page);
    await input.pressSequentially(oven.reference, TYPING);
    const first = page.locator('[data-action][data-selected]');
    // Searching takes longer on a loaded CI machine than a person's patience would suggest.
    await expect(first).toContainText(oven.name, { timeout: 20_000 });
    await snap(page, `palette-product-reference-${viewport.width}-fr`);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/products/${oven.id}`));

    input = await openPalette(page);
    await input.pressSequentially('four mixte', TYPING);
    // Answers mentioning it may rank first (and are preselected); the product is listed under Produits.
    await expect(page.locator('[data-action]').first()).toHaveAttribute('data-selected', 'true', {
      timeout: 20_000,
    });
    await expect(page.getByText('Produits', { exact: true })).toBeVisible();
    const product = page.locator('[data-action]').filter({ hasText: `${oven.reference} · ${oven.name}` });
    await expect(product).toBeVisible({ timeout: 20_000 });
    // A person clicks once the list stops changing: wait for the last search to have answered.
    await expect(page.getByRole('dialog').locator('.mantine-Loader-root')).toHaveCount(0, {
      timeout: 20_000,
    });
    await snap(page, `palette-product-name-${viewport.width}-fr`);
    await product.click();
    await expect(page).toHaveURL(new RegExp(`/products/${oven.id}`));
    expect(problems).toEqual([]);
  });
}
