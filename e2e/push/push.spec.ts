import { expect, test } from '@playwright/test';
import { DESKTOP, PHONE, shoot, signIn } from '../helpers.js';

test.describe('push in the browser', () => {
  test('an external check fires the demo KY rule and the rules page lists it', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'expert@relais.demo');
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'relais_csrf')!.value;
    const check = async (country: string) =>
      (
        await (
          await page.request.post('/api/v1/push/check', {
            data: { action: 'transfer.create', fields: { country } },
            headers: { 'x-csrf-token': csrf },
          })
        ).json()
      ).alerts;
    expect((await check('KY')).length).toBeGreaterThan(0);
    expect(await check('FR')).toEqual([]);
    await page.goto('/push-rules');
    await expect(page.getByPlaceholder('Rechercher une règle')).toBeVisible();
    await shoot(page, 'push-rules-fr');
  });

  test('the notification bell and the broadcasts page render, also at phone width', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'rep@relais.demo');
    await expect(page.getByRole('button', { name: /Notifications/ }).first()).toBeVisible();
    await page.goto('/broadcasts');
    await shoot(page, 'push-broadcasts-fr');
    await page.setViewportSize(PHONE);
    await page.goto('/for-me');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shoot(page, 'push-for-me-phone-fr');
  });
});
