/**
 * Screenshots of the accounts & contacts screens at desktop and phone width, in French and English.
 * Usage: BASE_URL=http://localhost:3101 OUT=/tmp/shots npx tsx e2e/accounts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://localhost:3101';
const out = process.env.OUT ?? '/tmp/accounts-shots';
mkdirSync(out, { recursive: true });

async function signIn(page: Page, locale: 'fr' | 'en') {
  const response = await page.request.post(`${base}/api/v1/auth/login`, {
    data: { email: 'rep@relais.demo', password: 'relais-demo' },
  });
  const csrf = (await response.json()).csrfToken;
  await page.request.patch(`${base}/api/v1/me`, { data: { locale }, headers: { 'x-csrf-token': csrf } });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  for (const locale of ['fr', 'en'] as const) {
    for (const width of [1280, 375]) {
      const context = await browser.newContext({
        viewport: { width, height: width > 400 ? 860 : 780 },
        locale,
      });
      await context.addInitScript((value) => window.localStorage.setItem('relais.locale', value), locale);
      const page = await context.newPage();
      await signIn(page, locale);
      const shot = async (name: string) =>
        page.screenshot({ path: `${out}/${name}-${locale}-${width}.png`, fullPage: false });
      await page.goto(`${base}/accounts`);
      await page.waitForSelector('table tbody tr');
      await page.waitForTimeout(400);
      await shot('accounts');
      await page.goto(`${base}/accounts?q=omega`);
      await page.waitForTimeout(800);
      await page.getByRole('link', { name: /Oméga/ }).first().click();
      await page.waitForSelector('text=SIREN');
      await page.waitForTimeout(500);
      await shot('account-secret');
      await page.goto(`${base}/contacts`);
      await page.waitForSelector('table tbody tr');
      await page.waitForTimeout(300);
      await shot('contacts');
      await page.locator('table tbody tr a').first().click();
      await page.waitForTimeout(800);
      await shot('contact');
      await page.goto(`${base}/contacts`);
      await page.getByRole('button', { name: /^(Importer|Import)$/ }).click();
      await page.getByRole('menuitem', { name: /CSV/ }).click();
      await page.waitForTimeout(300);
      await page.setInputFiles('input[type=file]', {
        name: 'contacts.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Prénom;Nom;Courriel;Société;Fonction\nAline;Ferrand;aline@maree.fr;Poissonnerie La Marée;Gérante\nBruno;Caradec;pas-un-email;Brasserie du Port;Chef\n',
        ),
      });
      await page.getByRole('button', { name: /^(Suivant|Next)$/ }).click();
      await page.waitForTimeout(800);
      await shot('import-mapping');
      await page
        .getByRole('button', { name: /Fermer|Close/ })
        .first()
        .click()
        .catch(() => undefined);
      await page.keyboard.press('Escape');
      await page.goto(`${base}/accounts`);
      await page.getByRole('button', { name: /Nouveau compte|New account/ }).click();
      await page.waitForTimeout(500);
      await shot('account-form');
      await context.close();
    }
  }
  await browser.close();
}

void main();
