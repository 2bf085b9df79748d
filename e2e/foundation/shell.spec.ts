import { expect, test } from '@playwright/test';
import { DESKTOP, PHONE, shoot, signIn, TYPING } from '../helpers.js';

test.describe('web shell (UX-1..3)', () => {
  test('refuses a wrong password with a readable message', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('E-mail').pressSequentially('rep@relais.demo', TYPING);
    await page.getByLabel('Mot de passe').pressSequentially('pas-le-bon', TYPING);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await shoot(page, 'login-error-fr');
  });

  test('signs in, shows every module in the navigation, and switches to English', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    // The language is saved on the server: the test switches manager@ back to French at the end.
    await signIn(page, 'manager@relais.demo');
    const nav = page.getByLabel('Navigation principale');
    for (const label of ['Comptes', 'Contacts', 'Offres'])
      await expect(nav.getByText(label, { exact: true }).first()).toBeVisible();
    await expect(nav.getByText('Administration')).toHaveCount(0);
    await shoot(page, 'shell-manager-fr');

    await page.getByTestId('user-menu').click();
    await page
      .getByRole('menuitem', { name: /English/ })
      .or(page.getByText('English', { exact: true }))
      .first()
      .click();
    await expect(page.getByLabel('Main navigation')).toBeVisible();
    await expect(
      page.getByLabel('Main navigation').getByText('Accounts', { exact: true }).first(),
    ).toBeVisible();
    await shoot(page, 'shell-manager-en');
    // The choice is saved on the server: it survives a reload.
    await page.reload();
    await expect(page.getByLabel('Main navigation')).toBeVisible();
    // Back to French, so the manager's later journeys read the language they expect.
    await page.getByTestId('user-menu').click();
    await page
      .getByRole('menuitem', { name: /Français/ })
      .or(page.getByText('Français', { exact: true }))
      .first()
      .click();
    await expect(page.getByLabel('Navigation principale')).toBeVisible();
  });

  test('opens the Ctrl+K palette and finds a colleague as you type', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'rep2@relais.demo');
    await expect(page.getByLabel('Navigation principale')).toBeVisible();
    await page.locator('body').click({ position: { x: 600, y: 400 } });
    await page.keyboard.press('Control+k');
    const input = page.getByPlaceholder(/Rechercher/).last();
    await input.pressSequentially('anne brem', TYPING);
    await expect(page.getByText('Anne Brémont').first()).toBeVisible();
    await shoot(page, 'palette-fr');
  });

  test('is usable at phone width with a burger menu', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, 'rep@relais.demo');
    const burger = page.getByRole('button', { name: 'Ouvrir le menu' });
    await expect(burger).toBeVisible();
    await shoot(page, 'shell-phone-fr');
    await burger.click();
    await expect(
      page.getByLabel('Navigation principale').getByText('Comptes', { exact: true }).first(),
    ).toBeVisible();
    await page.waitForTimeout(400); // let the drawer finish sliding in before the picture
    await shoot(page, 'shell-phone-menu-fr');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  test('keeps admin pages for admins', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'rep@relais.demo');
    await page.goto('/admin/users');
    await expect(page.getByText('Accès réservé')).toBeVisible();
    await page.context().clearCookies();
    await signIn(page, 'admin@relais.demo');
    await page.goto('/admin/users');
    await expect(page.getByText('rep3@relais.demo')).toBeVisible();
    await shoot(page, 'admin-users-fr');
    await page.getByRole('button', { name: 'Inviter' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Rôle')).toBeVisible();
    await expect(dialog.getByLabel('Équipe')).toBeVisible();
    await shoot(page, 'admin-invite-fr');
    await page.keyboard.press('Escape');
    await page.goto('/admin/teams');
    await expect(page.getByText('Région Grand Ouest').first()).toBeVisible();
    await shoot(page, 'admin-teams-fr');
  });

  test('creates a personal API token that is shown once and works as Bearer', async ({ page, request }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'rep3@relais.demo');
    await page.goto('/profile');
    await expect(page.getByText('Jetons d’API').first()).toBeVisible();
    await page.getByPlaceholder('ex. : Synchronisation ERP').pressSequentially('Tableur', TYPING);
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    // The full token is in the "shown once" dialog (the list only shows its first characters).
    const shown = page
      .getByRole('dialog')
      .getByText(/^rls_[A-Za-z0-9_-]{20,}/)
      .first();
    await expect(shown).toBeVisible();
    const token = /rls_[A-Za-z0-9_-]+/.exec((await shown.textContent()) ?? '')?.[0];
    expect(token).toBeTruthy();
    await shoot(page, 'profile-token-fr');
    const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).email).toBe('rep3@relais.demo');
  });

  test('signs out', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'expert@relais.demo');
    await page.getByTestId('user-menu').click();
    await page.getByText('Se déconnecter').click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/login/);
  });
});
