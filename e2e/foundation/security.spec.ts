import { expect, test, type Page } from '@playwright/test';
import { PHONE, shoot, signIn, TYPING } from '../helpers.js';

/** Console errors (a Content-Security-Policy violation is one) and page errors during a journey. */
function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    // The sign-in page asks who is signed in before anyone is: that 401 is expected.
    if (message.type() === 'error' && !/401 \(Unauthorized\)/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  return problems;
}

test.describe('security headers and sessions in Chromium (issue 10, items 7 and 8)', () => {
  test('the app works under its Content-Security-Policy; a password change says it revokes API tokens; sign-out sends the CSRF token', async ({
    page,
  }) => {
    const problems = watchConsole(page);
    await page.setViewportSize({ width: 1366, height: 800 });
    const first = await page.goto('/');
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signIn(page, 'rep2@relais.demo');
    for (const path of ['/accounts', '/knowledge', '/profile']) {
      await page.goto(path);
      await expect(page.getByRole('main')).toBeVisible();
    }

    const revoke = page.getByTestId('password-revoke-tokens');
    await expect(revoke).toBeChecked();
    await expect(page.getByText('Vos autres sessions sont fermées.')).toBeVisible();
    await page.getByLabel('Mot de passe actuel').pressSequentially('relais-demo', TYPING);
    await page.getByLabel('Nouveau mot de passe').pressSequentially('un-nouveau-mot-2', TYPING);
    await page.getByLabel('Confirmer le mot de passe').pressSequentially('un-nouveau-mot-2', TYPING);
    await revoke.scrollIntoViewIfNeeded();
    await shoot(page, 'profile-password-revoke-fr');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(page.getByText('Mot de passe changé')).toBeVisible();
    await page.setViewportSize(PHONE);
    await revoke.scrollIntoViewIfNeeded();
    await shoot(page, 'profile-password-revoke-fr-phone');

    // Put the demo password back for the other specs (through the API, with the CSRF cookie).
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'relais_csrf')!.value;
    const restore = await page.request.post('/api/v1/me/password', {
      data: { currentPassword: 'un-nouveau-mot-2', newPassword: 'relais-demo' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(restore.status()).toBe(204);

    // The same card in English, at both widths, then back to French.
    await page.getByText('EN', { exact: true }).click();
    await expect(page.getByText('Also revoke my API tokens (recommended)')).toBeVisible();
    await expect(page.getByText('Your other sessions are signed out.')).toBeVisible();
    await revoke.scrollIntoViewIfNeeded();
    await shoot(page, 'profile-password-revoke-en-phone');
    await page.setViewportSize({ width: 1366, height: 800 });
    await revoke.scrollIntoViewIfNeeded();
    await shoot(page, 'profile-password-revoke-en');
    await page.getByText('FR', { exact: true }).click();
    await expect(page.getByText('Révoquer aussi mes jetons d’API (recommandé)')).toBeVisible();

    const logout = page.waitForRequest((request) => request.url().endsWith('/api/v1/auth/logout'));
    await page.getByTestId('user-menu').click();
    await page.getByText('Se déconnecter').click();
    expect((await logout).headers()['x-csrf-token']).toBe(csrf);
    await expect(page).toHaveURL(/\/login/);

    await page.goto('/api/docs/');
    await expect(page.locator('section.swagger-ui')).toBeVisible();
    await expect(page.getByText('Relais API').first()).toBeVisible();
    expect(problems).toEqual([]);
  });
});
