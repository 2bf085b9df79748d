import { expect, test, type Page } from '@playwright/test';
import { PHONE, TYPING, signIn } from '../helpers.js';
import { apiAs, get, snap, watch } from '../push/person.js';

/**
 * Ctrl+K as a person uses it (issue 9, A17): the first result is selected as soon as it shows,
 * Enter opens it, and products are found by reference or by the words of their name.
 */
const LAPTOP = { width: 1366, height: 768 };

async function openPalette(page: Page) {
  // A palette closing after the last Enter is still on screen for its transition: a Ctrl+K then
  // would toggle it shut. A person waits for it to go; so does the test.
  await expect(page.getByPlaceholder(/Rechercher/)).toHaveCount(0, { timeout: 20_000 });
  if (page.viewportSize()!.width < 768)
    await page.getByRole('button', { name: 'Rechercher (Ctrl K)' }).first().click();
  const input = page.getByPlaceholder(/Rechercher/).last();
  if (page.viewportSize()!.width >= 768) {
    // Ctrl+K from the page as it is, no click first (a click may land on a link); pressed again
    // if the page was still mounting the shortcut when the first press came.
    await expect(page.getByRole('button', { name: 'Rechercher (Ctrl K)' }).first()).toBeVisible();
    await expect(async () => {
      // Ctrl+K toggles: press only while the palette is still closed.
      if (!(await input.isVisible())) await page.keyboard.press('Control+k');
      await expect(input).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
  }
  await expect(input).toBeVisible();
  return input;
}

for (const viewport of [LAPTOP, PHONE]) {
  test(`Ctrl+K finds a product by reference or name and Enter opens the first result (${viewport.width} px)`, async ({
    page,
    baseURL,
  }) => {
    // Typing at a person's speed on a loaded CI machine takes most of the default minute.
    test.setTimeout(120_000);
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
    // The list changes as each debounced search answers: what a person clicks is the answer to
    // what they finished typing, so wait for that one (and fail on its status, not on a timeout).
    const finalSearch = page.waitForResponse(
      (response) =>
        response.url().includes('/api/v1/search?') &&
        new URL(response.url()).searchParams.get('q') === 'four mixte',
      { timeout: 30_000 },
    );
    await input.pressSequentially('four mixte', TYPING);
    expect((await finalSearch).status()).toBe(200);
    // Answers mentioning it may rank first (and are preselected); the product is listed under Produits.
    await expect(page.locator('[data-action]').first()).toHaveAttribute('data-selected', 'true', {
      timeout: 20_000,
    });
    await expect(page.getByText('Produits', { exact: true })).toBeVisible();
    const product = page.locator('[data-action]').filter({ hasText: `${oven.reference} · ${oven.name}` });
    await expect(product).toBeVisible({ timeout: 20_000 });
    await snap(page, `palette-product-name-${viewport.width}-fr`);
    await product.click();
    await expect(page).toHaveURL(new RegExp(`/products/${oven.id}`));
    expect(problems).toEqual([]);
  });
}
