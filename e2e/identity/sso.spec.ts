import { expect, test, type Page } from '@playwright/test';
import { startTestProvider, type TestProvider } from '../../test/oidc-provider.js';
import { PHONE, TYPING, shoot, signIn } from '../helpers.js';

/**
 * Single sign-on (ID-2) as people live it, against a real OpenID provider (`oidc-provider`)
 * started by this spec on this machine (`localhost` is the trusted outbound host of the e2e
 * server): an admin configures it on the admin page, then a person clicks the sign-in page's
 * button, signs in at the provider and lands in Relais signed in.
 */
let op: TestProvider;

test.beforeAll(async () => {
  const baseURL = String(test.info().project.use.baseURL);
  op = await startTestProvider({ redirectUri: `${baseURL}/api/v1/auth/sso/callback`, host: 'localhost' });
  // An existing person (matched by the verified e-mail) and a newcomer the admin lets in.
  op.accounts.set('remi', { email: 'rep@relais.demo', emailVerified: true, locale: 'fr-FR' });
  op.accounts.set('alex', {
    email: 'alex.morgan@example.com',
    emailVerified: true,
    givenName: 'Alex',
    familyName: 'Morgan',
    locale: 'en-GB',
  });
});
test.afterAll(() => op?.close());

const LAPTOP = { width: 1366, height: 768 };
const cases = [
  { viewport: LAPTOP, lang: 'fr' as const, account: 'remi', name: /Romain Lemoine/ },
  { viewport: PHONE, lang: 'en' as const, account: 'alex', name: /Alex Morgan/ },
];

/** Console errors and failed API answers of Relais' pages (the provider's pages are not ours). */
function watchRelais(page: Page, baseURL: string) {
  const problems: string[] = [];
  page.on('console', (message) => {
    // A failed load is judged below with its URL (the 401 of /me before sign-in is expected).
    if (
      message.type() === 'error' &&
      message.location().url.startsWith(baseURL) &&
      !message.text().startsWith('Failed to load resource')
    )
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('response', (response) => {
    const url = response.url();
    // Before sign-in the app asks who is signed in and is told 401.
    if (url.startsWith(`${baseURL}/api/`) && response.status() >= 400 && !url.endsWith('/api/v1/me'))
      problems.push(`${response.status()} ${response.request().method()} ${url}`);
  });
  return problems;
}

/** Retypes a field as a person does: select what is there, delete it, type. */
async function retype(page: Page, label: string | RegExp, text: string) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Backspace');
  await field.pressSequentially(text, TYPING);
}

for (const { viewport, lang, account, name } of cases) {
  test(`an admin configures single sign-on, then a person signs in with the provider (${viewport.width} px, ${lang})`, async ({
    browser,
    page,
    baseURL,
  }) => {
    test.setTimeout(150_000);
    const fr = lang === 'fr';
    await page.setViewportSize(viewport);
    const adminProblems = watchRelais(page, baseURL!);
    await signIn(page, 'admin@relais.demo');
    if (viewport.width >= 768) {
      const nav = page.getByRole('navigation').last();
      await nav.getByRole('link', { name: 'Authentification unique' }).click();
    } else await page.goto('/admin/sso');
    await expect(
      page.getByRole('heading', { name: 'Authentification unique (OpenID Connect)' }),
    ).toBeVisible();
    await expect(page.getByTestId('sso-redirect-uri')).toHaveText(`${baseURL}/api/v1/auth/sso/callback`);

    const enabled = page.getByRole('switch', {
      name: 'Proposer l’authentification unique sur la page de connexion',
    });
    if (!(await enabled.isChecked())) await enabled.click({ force: true });
    await retype(page, /URL de l’émetteur/, op.issuer);
    await retype(page, /Identifiant client/, op.clientId);
    await page.getByLabel('Secret client').pressSequentially(op.clientSecret, TYPING);
    await retype(page, 'Libellé du bouton', 'Entreprise');
    const provision = page.getByRole('switch', { name: /Créer un compte à la première connexion/ });
    if ((await provision.isChecked()) !== !fr) await provision.click({ force: true });
    await shoot(page, `sso-settings-${viewport.width}-${lang}`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Réglages de l’authentification unique enregistrés')).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByText('Un secret est enregistré : laissez vide pour le conserver.')).toBeVisible();
    expect(adminProblems).toEqual([]);

    // The person: another browser, the provider's pages, back in Relais.
    const context = await browser.newContext({ viewport, baseURL });
    const person = await context.newPage();
    // The provider's dev pages load a web font from the Internet, which this machine cannot reach.
    await person.route('https://fonts.googleapis.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
    );
    const problems = watchRelais(person, baseURL!);
    await person.goto('/');
    await expect(person).toHaveURL(/\/login/);
    if (!fr) await person.getByText('EN', { exact: true }).click();
    await expect(person.locator('html')).toHaveAttribute('lang', lang);
    const button = person.getByRole('link', {
      name: fr ? 'Se connecter avec Entreprise' : 'Sign in with Entreprise',
    });
    await expect(button).toBeVisible();
    await shoot(person, `sso-login-${viewport.width}-${lang}`);
    await button.click();

    await expect(person).toHaveURL(new RegExp(`^${op.issuer}/interaction/`));
    await person.getByPlaceholder('Enter any login').pressSequentially(account, TYPING);
    await person.getByPlaceholder('and password').pressSequentially('at-the-provider', TYPING);
    await shoot(person, `sso-provider-${viewport.width}-${lang}`);
    await person.getByRole('button', { name: 'Sign-in' }).click();
    await person.getByRole('button', { name: 'Continue' }).click();

    await expect(person).toHaveURL(new RegExp(`^${baseURL}/`));
    await expect(person).not.toHaveURL(/\/login/);
    await expect(person.getByTestId('user-menu')).toBeVisible({ timeout: 20_000 });
    await expect(person.locator('html')).toHaveAttribute('lang', lang);
    await person.getByTestId('user-menu').click();
    await expect(person.getByRole('menu').getByText(name)).toBeVisible();
    await shoot(person, `sso-signed-in-${viewport.width}-${lang}`);
    expect(problems).toEqual([]);
    await context.close();
  });
}
